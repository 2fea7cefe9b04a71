package no.sentral.switchboard.internal.config;

/**
 * How an answer group or queue picks whom to ring, named as in Asterisk {@code app_queue}.
 * {@link #LINEAR} is "in order"; {@link #RR_MEMORY} is round robin remembering where it stopped,
 * in the configured order (queue agents in login order). Asterisk's {@link #RR_ORDERED} differs from
 * it only because Asterisk may reorder its member list; ours never does, so the two are the same.
 * {@link #WEIGHTED_RANDOM} weighs members by their penalty (lower penalty, more calls).
 */
public enum Strategy { RING_ALL, LINEAR, RR_MEMORY, RR_ORDERED, LEAST_RECENT, FEWEST_CALLS, RANDOM, WEIGHTED_RANDOM }
