package no.sentral.api.telephony;

/** Something that happened on a line, reported by an adapter. Every signal names its company. */
public sealed interface Signal {

    String tenant();

    /** The leg it happened on. */
    String leg();

    /** Why a leg the engine rang did not answer. */
    enum Failure { BUSY, NO_ANSWER, UNREACHABLE, REJECTED }

    /** A call comes in from {@code from} to one of the company's numbers or extensions {@code to}. */
    record Inbound(String tenant, String leg, String from, String to) implements Signal {
    }

    /** An employee dials {@code to} from their own phone (checked against their call barring). */
    record Outbound(String tenant, String leg, String user, String to) implements Signal {
    }

    /** A leg the engine rang was answered. */
    record Answered(String tenant, String leg) implements Signal {
    }

    /** A leg the engine rang could not be connected. */
    record Failed(String tenant, String leg, Failure failure) implements Signal {
    }

    /** The party on this leg hung up. */
    record HungUp(String tenant, String leg) implements Signal {
    }

    /** The party on this leg pressed a key: 0-9, * or #. */
    record Digit(String tenant, String leg, char digit) implements Signal {
    }
}
