package no.sentral.api.telephony;

/**
 * Who a leg is connected to: an employee of the company ({@code user} is their employee id, with the
 * number to reach them) or an outside number ({@code user} null). Numbers are E.164.
 */
public record Party(String user, String number) {

    public static Party user(String user, String number) {
        return new Party(user, number);
    }

    public static Party number(String number) {
        return new Party(null, number);
    }

    public boolean isUser() {
        return user != null;
    }
}
