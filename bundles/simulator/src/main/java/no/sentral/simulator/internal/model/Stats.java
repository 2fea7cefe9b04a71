package no.sentral.simulator.internal.model;

/**
 * What the simulator has done since it started. {@code ringsAnswered} and {@code ringsFailed} are legs
 * the engine rang; {@code hangUps} counts every hang-up by a simulated party, {@code abandons} among
 * them; {@code liveLegs} is the legs it tracks now.
 */
public record Stats(long callsPlaced, long ringsAnswered, long ringsFailed, long abandons, long callbacksAsked,
                    long hangUps, int liveLegs) {
}
