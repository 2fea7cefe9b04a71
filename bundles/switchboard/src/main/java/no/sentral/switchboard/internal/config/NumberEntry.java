package no.sentral.switchboard.internal.config;

/**
 * One line of the numbering plan (PBX-08): an internal short number (2-6 digits, unique in the
 * company) or an external E.164 number, and where calls to it go. {@code main} marks the company's
 * main number (PBX-01), which routes like any other.
 */
public record NumberEntry(String number, Destination destination, boolean main) {

    public boolean external() {
        return number.startsWith("+");
    }
}
