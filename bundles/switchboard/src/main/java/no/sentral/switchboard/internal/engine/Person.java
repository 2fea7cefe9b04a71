package no.sentral.switchboard.internal.engine;

import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashSet;
import java.util.Set;
import no.sentral.switchboard.internal.config.Availability;

/** An employee's live state: availability, calls in progress, ringing, wrap-up, queues logged into. */
final class Person {

    final String id;
    Availability availability = Availability.AVAILABLE;
    /** Legs of theirs that are up; above zero they are on the phone (PBX-12). */
    int legsUp;
    /** Calls ringing them right now; group and queue calls are only offered to people with none. */
    int ringing;
    Instant wrapUpUntil = Instant.MIN;
    final Set<String> queues = new LinkedHashSet<>();
    /** Today's figures for the wallboard, of {@link #day}. */
    private LocalDate day;
    int offered;
    int answered;
    int missed;
    long talkMillis;

    Person(String id) {
        this.id = id;
    }

    /** Starts a new day's figures when the date moved on since they were last touched. */
    Person on(LocalDate today) {
        if (!today.equals(day)) {
            day = today;
            offered = answered = missed = 0;
            talkMillis = 0;
        }
        return this;
    }

    boolean onCall() {
        return legsUp > 0;
    }

    /** Can be offered a group or queue call now. */
    boolean free(Instant now) {
        return availability == Availability.AVAILABLE && !onCall() && ringing == 0 && !now.isBefore(wrapUpUntil);
    }

    String state(Instant now) {
        if (onCall()) {
            return "on-call";
        }
        if (ringing > 0) {
            return "ringing";
        }
        if (now.isBefore(wrapUpUntil)) {
            return "wrap-up";
        }
        return availability == Availability.AVAILABLE ? "free" : "unavailable";
    }
}
