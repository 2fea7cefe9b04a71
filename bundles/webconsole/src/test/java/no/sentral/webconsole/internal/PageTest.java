package no.sentral.webconsole.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import no.sentral.api.event.EventBackbone;
import org.junit.jupiter.api.Test;

class PageTest {

    @Test
    void everythingFromOutsideIsEscaped() {
        StringWriter html = new StringWriter();
        Page page = new Page(new PrintWriter(html, true));
        page.table(List.of("Reason"), List.of(List.of("<script>alert('x')</script> & \"more\"")));
        page.deadLetters(List.of(new EventBackbone.DeadLetter("e\"1", "sentral.call.ended", "acme", "billing", 5,
                "<img src=x onerror=alert(1)>")), "t0k3n");
        String text = html.toString();
        assertFalse(text.contains("<script>") || text.contains("<img"), text);
        assertTrue(text.contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;"), text);
        assertTrue(text.contains("name=\"event\" value=\"e&quot;1\""), text);
        assertTrue(text.contains("name=\"token\" value=\"t0k3n\""), text);
        assertTrue(text.contains("value=\"retry\"") && text.contains("value=\"discard\""), text);
    }

    @Test
    void nullsAreEmpty() {
        assertEquals("", Page.escape(null));
    }
}
