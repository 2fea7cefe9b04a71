package no.sentral.switchboard.internal.schedule;

/** Manual switch an operator flips, e.g. "night mode now"; anything but NONE beats the schedule. */
public enum Manual {
    NONE, OPEN, CLOSED
}
