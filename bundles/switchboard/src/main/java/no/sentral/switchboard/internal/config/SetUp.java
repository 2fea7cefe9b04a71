package no.sentral.switchboard.internal.config;

import java.util.List;
import no.sentral.switchboard.internal.schedule.Schedule;

/** A company's whole switchboard set-up, each kind by its path, and the company-wide time switch. */
public record SetUp(List<NumberEntry> numbers, List<GroupConfig> groups, List<QueueConfig> queues,
                    List<MenuConfig> menus, List<Schedule> schedules, List<TimeSwitch> switches,
                    List<UserSettings> users, String companySwitch) {
}
