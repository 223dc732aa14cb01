package io.callgate.support;

import io.callgate.dev.TwimlVocabulary;
import java.util.List;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * The TwiML verbs, nouns and attributes Twilio documents ({@link TwimlVocabulary}, which the call simulator
 * applies too), and where each may stand. A document that uses anything else fails: carriers ignore or reject
 * what they do not know. callgate itself dials only conferences.
 */
public final class DocumentedTwiml {

    private DocumentedTwiml() {
    }

    /** Throws AssertionError naming the first undocumented element or attribute. */
    public static void check(Document document) {
        Element root = document.getDocumentElement();
        List<String> problems = TwimlVocabulary.problems(root);
        if (!problems.isEmpty()) {
            throw new AssertionError(problems.getFirst());
        }
        for (Element verb : TwimlVocabulary.children(root)) {
            if (verb.getTagName().equals("Dial")) {
                for (Element noun : TwimlVocabulary.children(verb)) {
                    if (!noun.getTagName().equals("Conference")) {
                        throw new AssertionError(noun.getTagName() + " may not stand inside Dial: callgate dials conferences");
                    }
                }
            }
        }
    }
}
