package no.sentral.switchboard.internal.config;

/** What an employee says about themselves (APP-03); only {@link #AVAILABLE} people get group and queue calls. */
public enum Availability { AVAILABLE, BUSY, MEETING, AWAY, OFF_WORK }
