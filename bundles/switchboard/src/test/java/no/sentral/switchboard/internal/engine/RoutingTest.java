package no.sentral.switchboard.internal.engine;

import static no.sentral.switchboard.internal.config.Destination.Type.EXTERNAL;
import static no.sentral.switchboard.internal.config.Destination.Type.QUEUE;
import static no.sentral.switchboard.internal.config.Destination.Type.SWITCH;
import static no.sentral.switchboard.internal.config.Destination.Type.USER;
import static no.sentral.switchboard.internal.engine.Plan.to;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import no.sentral.api.telephony.CallRecord.Direction;
import no.sentral.api.telephony.CallRecord.Disposition;
import no.sentral.api.telephony.Command;
import no.sentral.switchboard.internal.config.Availability;
import no.sentral.switchboard.internal.config.Destination;
import no.sentral.switchboard.internal.config.Strategy;
import no.sentral.switchboard.internal.config.TimeSwitch;
import no.sentral.switchboard.internal.config.UserConfig;
import no.sentral.switchboard.internal.schedule.Schedule;
import no.sentral.switchboard.internal.schedule.WeeklyRule;
import org.junit.jupiter.api.Test;

/** Numbering plan, direct calls, forwarding, time control and mobile status (PBX-01, -06, -08, -12, APP-03, SB-02). */
class RoutingTest {

    private static final String CALLER = "+4741234567";

    @Test
    void mainNumberRingsTheUserAndTheRecordShowsThePath() {
        TestBoard b = Plan.withUsers(1).main(to(USER, "u1")).board();
        String caller = b.call(CALLER, "22000000");
        assertEquals(CallState.OFFERED, b.onlyCall().state());
        b.seconds(4);
        String u1 = b.pickUp("u1");
        assertTrue(b.bridged(caller, u1));
        b.seconds(60);
        b.hangUp(caller);
        var r = b.lastRecord();
        assertEquals(Disposition.ANSWERED, r.disposition());
        assertEquals(Direction.INBOUND, r.direction());
        assertEquals("u1", r.answeredBy());
        assertEquals(4, r.waitSeconds());
        assertEquals(60, r.talkSeconds());
        assertEquals(List.of("number +4722000000 main number", "offered u1", "answered u1"), b.path());
        assertTrue(b.hungUpByEngine(u1), "the other side is hung up");
        assertThat(b.engine.calls(TestBoard.TENANT)).isEmpty();
    }

    @Test
    void anUnknownNumberIsToldSoAndEnds() {
        TestBoard b = Plan.withUsers(1).main(to(USER, "u1")).board();
        String caller = b.call(CALLER, "+4722999999");
        assertEquals("number-unknown", b.plays(caller).get(0).prompt());
        assertTrue(b.hungUpByEngine(caller));
        assertEquals(Disposition.UNKNOWN_NUMBER, b.lastRecord().disposition());
    }

    @Test
    void aCompanyTheEngineDoesNotServeIsHungUp() {
        TestBoard b = Plan.withUsers(1).main(to(USER, "u1")).board();
        b.engine.signal(new no.sentral.api.telephony.Signal.Inbound("other", "x1", CALLER, Plan.MAIN));
        assertThat(b.commands).containsExactly(new Command.Hangup("other", "x1", "no switchboard for company other"));
    }

    @Test
    void noAnswerGoesToVoicemailAndTheUsersOwnRuleWins() {
        TestBoard b = Plan.withUsers(2).main(to(USER, "u1")).board();
        String caller = b.call(CALLER, Plan.MAIN);
        b.seconds(20);
        assertThat(b.commands).contains(new Command.Voicemail(TestBoard.TENANT, caller, "u1"));
        b.hangUp(caller);
        assertEquals(Disposition.VOICEMAIL, b.lastRecord().disposition());

        TestBoard c = Plan.withUsers(2).main(to(USER, "u1"))
                .replaceUser(new UserConfig("u1", "U1", "u1", Plan.mobile(1), 10,
                        Map.of(UserConfig.NO_ANSWER, to(USER, "u2")), null, List.of(), List.of())).board();
        c.call(CALLER, Plan.MAIN);
        c.seconds(10);
        assertEquals(List.of("u2"), c.ringingUsers());
    }

    @Test
    void availabilityForwardsDirectCalls() {
        TestBoard b = Plan.withUsers(2).main(to(USER, "u1"))
                .queue(Plan.queue("switchboard", Strategy.RING_ALL))
                .replaceUser(new UserConfig("u1", "U1", "u1", Plan.mobile(1), 20,
                        Map.of("meeting", to(QUEUE, "switchboard")), null, List.of(), List.of())).board();
        b.engine.login(TestBoard.TENANT, "switchboard", "u2");
        b.engine.setAvailability(TestBoard.TENANT, "u1", Availability.MEETING);
        b.call(CALLER, Plan.MAIN);
        assertEquals(List.of("u2"), b.ringingUsers());
        assertThat(b.onlyCall().path()).anyMatch(h -> "forwarded: meeting".equals(h.detail()));
    }

    @Test
    void aUserOnThePhoneIsBusyToColleaguesAndCallsGoToTheirBusyRule() {
        TestBoard b = Plan.withUsers(2).main(to(USER, "u1")).number("200", to(USER, "u1")).board();
        String out = b.dialOut("u1", "+4791111111");
        b.pickUpNumber("+4791111111");
        assertThat(b.notes).contains("status u1 on-call");
        assertTrue(b.engine.agent(TestBoard.TENANT, "u1").state().equals("on-call"));
        String second = b.call(CALLER, Plan.MAIN);
        assertThat(b.commands).contains(new Command.Voicemail(TestBoard.TENANT, second, "u1"));
        b.hangUp(second);
        b.hangUp(out);
        assertThat(b.notes).contains("status u1 free");
        assertEquals(Direction.OUTBOUND, b.lastRecord().direction());
    }

    @Test
    void shortNumbersAndColleaguesMobilesAreInternal() {
        TestBoard b = Plan.withUsers(2).number("200", to(USER, "u2")).board();
        b.dialOut("u1", "200");
        assertEquals(List.of("u2"), b.ringingUsers());
        assertEquals(Direction.INTERNAL, b.onlyCall().direction());
        TestBoard c = Plan.withUsers(2).board();
        c.dialOut("u1", Plan.mobile(2).substring(3));
        assertEquals(List.of("u2"), c.ringingUsers(), "8-digit national form of a colleague's mobile");
    }

    @Test
    void forwardingToAnOutsideNumberKeepsTheCallersNumber() {
        TestBoard b = Plan.withUsers(1).main(to(EXTERNAL, "+4798765432")).board();
        String caller = b.call(CALLER, Plan.MAIN);
        Command.Ring ring = b.ringing().get(0);
        assertEquals(CALLER, ring.callerId());
        String out = b.pickUpNumber("+4798765432");
        assertTrue(b.bridged(caller, out));
    }

    @Test
    void theCompanyScheduleSendsAllExternalNumbersToNightAndHolidayRouting() {
        Plan p = Plan.withUsers(3).main(to(USER, "u1")).number("+4722000001", to(USER, "u1"))
                .number("300", to(USER, "u1"));
        p.schedules.add(new Schedule("hours", "Office hours", null,
                List.of(new WeeklyRule(EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), LocalTime.of(8, 0),
                        LocalTime.of(16, 0))), true, List.of(), null));
        p.switches.add(new TimeSwitch("company", "Company", "hours", null, to(USER, "u2"), to(USER, "u3")));
        p.companySwitch = "company";
        TestBoard b = p.board();
        b.clock.set(Instant.parse("2026-11-25T09:00:00Z")); // Wednesday 10:00 in Oslo
        b.call(CALLER, "+4722000001");
        assertEquals(List.of("u1"), b.ringingUsers());
        b.clock.set(Instant.parse("2026-11-25T18:00:00Z"));
        b.call(CALLER, "+4722000001");
        assertThat(b.ringingUsers()).contains("u2");
        b.clock.set(Instant.parse("2026-04-03T09:00:00Z")); // Langfredag
        b.call(CALLER, Plan.MAIN);
        assertThat(b.ringingUsers()).contains("u3");
        assertThat(b.engine.calls(TestBoard.TENANT).get(2).path())
                .anyMatch(h -> h.kind().equals("schedule") && h.detail().contains("Langfredag"));
        b.dialOut("u2", "300");
        assertThat(b.engine.calls(TestBoard.TENANT).get(3).path()).noneMatch(h -> h.kind().equals("schedule"));
    }

    @Test
    void aTimeSwitchInThePlanRoutesByItsSchedule() {
        Plan p = Plan.withUsers(2).main(to(SWITCH, "day"));
        p.schedules.add(new Schedule("hours", "Office hours", null,
                List.of(new WeeklyRule(EnumSet.allOf(DayOfWeek.class), LocalTime.of(8, 0), LocalTime.of(16, 0))),
                false, List.of(), null));
        p.switches.add(new TimeSwitch("day", "Day", "hours", to(USER, "u1"), to(USER, "u2"), null));
        TestBoard b = p.board();
        b.clock.set(Instant.parse("2026-03-29T06:30:00Z")); // 08:30 summer time, the day the clocks went forward
        b.call(CALLER, Plan.MAIN);
        assertEquals(List.of("u1"), b.ringingUsers());
        b.clock.set(Instant.parse("2026-10-25T06:30:00Z")); // 07:30 winter time, the day the clocks went back
        b.call(CALLER, Plan.MAIN);
        assertThat(b.ringingUsers()).contains("u2");
    }

    @Test
    void theCallerHangingUpWhileItRingsIsAbandonedAndTheRingStops() {
        TestBoard b = Plan.withUsers(1).main(to(USER, "u1")).board();
        String caller = b.call(CALLER, Plan.MAIN);
        String ring = b.ringing().get(0).leg();
        b.seconds(3);
        b.hangUp(caller);
        assertThat(b.commands).contains(new Command.Cancel(TestBoard.TENANT, ring));
        assertEquals(Disposition.ABANDONED, b.lastRecord().disposition());
        assertEquals(3, b.lastRecord().waitSeconds());
        b.answer(ring);
        assertThat(b.engine.calls(TestBoard.TENANT)).isEmpty();
    }

    static Destination dest(Destination.Type type, String target) {
        return to(type, target);
    }
}
