package no.sentral.webconsole.internal;

import java.io.PrintWriter;
import java.util.List;
import no.sentral.api.event.EventBackbone;

/** The HTML of the Sentral page, every text escaped (event data and reasons come from outside). */
final class Page {

    private final PrintWriter out;

    Page(PrintWriter out) {
        this.out = out;
    }

    void heading(String text) {
        out.println("<h2>" + escape(text) + "</h2>");
    }

    void paragraph(String text) {
        out.println("<p class=\"statline\">" + escape(text) + "</p>");
    }

    void table(List<String> columns, List<List<Object>> rows) {
        out.println("<table class=\"nicetable\"><thead><tr>");
        columns.forEach(c -> out.print("<th>" + escape(c) + "</th>"));
        out.println("</tr></thead><tbody>");
        for (List<Object> row : rows) {
            out.print("<tr>");
            row.forEach(cell -> out.print("<td>" + escape(String.valueOf(cell)) + "</td>"));
            out.println("</tr>");
        }
        out.println("</tbody></table>");
    }

    /** The DLQ, each event with a retry and a discard button (POSTs to this page, with its token). */
    void deadLetters(List<EventBackbone.DeadLetter> letters, String token) {
        out.println("<table class=\"nicetable\"><thead><tr><th>Event</th><th>Type</th><th>Company</th>"
                + "<th>Consumer</th><th>Attempts</th><th>Reason</th><th></th></tr></thead><tbody>");
        for (EventBackbone.DeadLetter d : letters) {
            out.print("<tr><td>" + escape(d.eventId()) + "</td><td>" + escape(d.type()) + "</td><td>"
                    + escape(d.tenant()) + "</td><td>" + escape(d.consumer()) + "</td><td>" + d.attempts()
                    + "</td><td>" + escape(d.reason()) + "</td><td>");
            for (String action : new String[] {"retry", "discard"}) {
                out.print("<form method=\"post\" style=\"display:inline\"><input type=\"hidden\" name=\"token\" value=\""
                        + escape(token) + "\"><input type=\"hidden\" name=\"event\" value=\"" + escape(d.eventId())
                        + "\"><button name=\"action\" value=\"" + action + "\">" + action + "</button></form> ");
            }
            out.println("</td></tr>");
        }
        out.println("</tbody></table>");
    }

    static String escape(String text) {
        if (text == null) {
            return "";
        }
        StringBuilder b = new StringBuilder(text.length());
        for (char c : text.toCharArray()) {
            switch (c) {
                case '<' -> b.append("&lt;");
                case '>' -> b.append("&gt;");
                case '&' -> b.append("&amp;");
                case '"' -> b.append("&quot;");
                case '\'' -> b.append("&#39;");
                default -> b.append(c);
            }
        }
        return b.toString();
    }
}
