package no.sentral.api.telephony;

import java.time.Instant;

/**
 * One step of a call's path through the company (SB-02): {@code kind} is what happened
 * ({@code number}, {@code schedule}, {@code menu}, {@code queue}, {@code group}, {@code offered},
 * {@code answered}, {@code transfer}, {@code hold}, {@code callback}, {@code voicemail}, ...),
 * {@code target} the menu, queue, person or number it happened at, {@code detail} the outcome
 * (key pressed, no answer, position, ...).
 */
public record Hop(Instant at, String kind, String target, String detail) {
}
