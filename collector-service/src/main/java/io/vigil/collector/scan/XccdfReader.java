package io.vigil.collector.scan;

import io.vigil.common.state.StateReport.RuleOutcome;
import io.vigil.common.state.StateReport.RuleResult;
import io.vigil.common.state.StateReport.Severity;
import java.io.CharConversionException;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import javax.xml.XMLConstants;
import javax.xml.namespace.QName;
import javax.xml.stream.Location;
import javax.xml.stream.XMLInputFactory;
import javax.xml.stream.XMLStreamConstants;
import javax.xml.stream.XMLStreamException;
import javax.xml.stream.XMLStreamReader;

/**
 * Reads an XCCDF 1.2 result file, as {@code oscap xccdf eval --results} or {@code --results-arf} writes it: a
 * Benchmark holding its TestResults, a bare TestResult, or an ARF report collection that holds them. Each rule-result
 * becomes a baseline rule result, titled from its Rule when the file has it.
 *
 * <p>The file is read as a stream with the JDK's StAX parser, and any DTD is refused: result files need none, and a
 * DTD is how entity expansion bombs and external entities get in.
 *
 * <p>A file may hold several TestResults, one per run; only the latest (by end-time) is imported, since the rule
 * results of two runs would contradict each other. The others are counted as skipped.
 */
public final class XccdfReader {

    private static final String XCCDF_12 = "http://checklists.nist.gov/xccdf/1.2";
    private static final String XCCDF_NAMESPACES = "http://checklists.nist.gov/xccdf/";
    private static final String ARF = "http://scap.nist.gov/schema/asset-reporting-format/1.1";
    private static final String SCANNER_NAME_FACT = "urn:xccdf:fact:scanner:name";
    private static final String SCANNER_VERSION_FACT = "urn:xccdf:fact:scanner:version";
    private static final String DEFAULT_MAXIMUM_SCORE = "100";
    private static final String UNKNOWN = "unknown";

    private static final Map<String, RuleResult> RESULTS = Map.of(
            "pass",
            RuleResult.Pass,
            "fixed",
            RuleResult.Pass,
            "fail",
            RuleResult.Fail,
            "notapplicable",
            RuleResult.NotApplicable,
            "notselected",
            RuleResult.NotApplicable,
            "notchecked",
            RuleResult.NotApplicable,
            "informational",
            RuleResult.NotApplicable,
            "error",
            RuleResult.NotApplicable,
            UNKNOWN,
            RuleResult.NotApplicable);
    private static final Set<String> UNDETERMINED = Set.of("error", UNKNOWN);
    private static final Set<Integer> TEXT_EVENTS =
            Set.of(XMLStreamConstants.CHARACTERS, XMLStreamConstants.CDATA, XMLStreamConstants.SPACE);
    private static final Pattern SPACES = Pattern.compile("\\s+");

    /** How XCCDF's Value operators read before the value a rule expects. */
    private static final Map<String, String> OPERATORS = Map.of(
            "not equal", "not ",
            "greater than", "more than ",
            "less than", "less than ",
            "greater than or equal", "at least ",
            "less than or equal", "at most ",
            "pattern match", "matching ");

    private final Map<String, Rule> rules = new HashMap<>();
    private final Map<String, Value> values = new HashMap<>();
    private final Map<String, Map<String, Refinement>> profiles = new HashMap<>();
    private ScanImportBuilder latest;
    private int earlierRuns;

    /** @param exports the Values the rule's check is given, by id, in the order the check names them */
    private record Rule(String title, String severity, List<String> exports) {}

    /**
     * A Benchmark's Value: what rules that export it are checked against.
     *
     * @param value the value without a selector, the default
     * @param selected the values a profile can select, by selector
     */
    private record Value(String title, String operator, String value, Map<String, String> selected) {}

    /** A profile's or a run's choice for a Value: a selector of one of its values, or a value of its own. */
    private record Refinement(String selector, String value) {}

    /** What a check element holds: the Values it is given and the values the checking engine gave back. */
    private record Check(List<String> exports, List<String> imports) {

        static final Check NONE = new Check(List.of(), List.of());
    }

    /** What one TestResult chose for the Values: its profile's refinements and its own set-values. */
    private static final class Run {
        String profile;
        final Map<String, Refinement> setValues = new HashMap<>();
    }

    private XccdfReader() {}

    public static ScanImport read(InputStream input)
            throws UnreadableScanException, ScanTooLargeException, IOException {
        XccdfReader reader = new XccdfReader();
        try {
            XMLStreamReader xml = secureFactory().createXMLStreamReader(input);
            try {
                reader.document(xml);
            } finally {
                xml.close();
            }
        } catch (XMLStreamException e) {
            if (e.getNestedException() instanceof IOException failure
                    && !(failure instanceof CharConversionException)) {
                throw failure;
            }
            throw new UnreadableScanException(
                    "The file is not readable XML" + at(e.getLocation()) + ": " + parserMessage(e));
        }
        return reader.finish();
    }

    private static XMLInputFactory secureFactory() {
        XMLInputFactory factory = XMLInputFactory.newDefaultFactory();
        factory.setProperty(XMLInputFactory.SUPPORT_DTD, false);
        factory.setProperty(XMLInputFactory.IS_SUPPORTING_EXTERNAL_ENTITIES, false);
        factory.setProperty(XMLConstants.ACCESS_EXTERNAL_DTD, "");
        return factory;
    }

    private void document(XMLStreamReader xml)
            throws XMLStreamException, UnreadableScanException, ScanTooLargeException {
        boolean rootSeen = false;
        while (xml.hasNext()) {
            int event = xml.next();
            if (event == XMLStreamConstants.DTD) {
                throw new UnreadableScanException("The file declares a DTD (<!DOCTYPE ...>), which is refused:"
                        + " XCCDF result files need none, and a DTD can expand entities or fetch external ones");
            }
            if (event != XMLStreamConstants.START_ELEMENT) {
                continue;
            }
            if (!rootSeen) {
                checkRoot(xml.getName());
                rootSeen = true;
            }
            if (is(xml, "Rule")) {
                rule(xml);
            } else if (is(xml, "Value")) {
                value(xml);
            } else if (is(xml, "Profile")) {
                profile(xml);
            } else if (is(xml, "TestResult")) {
                testResult(xml);
            }
        }
    }

    private static void checkRoot(QName root) throws UnreadableScanException {
        String namespace = root.getNamespaceURI();
        String name = root.getLocalPart();
        if (XCCDF_12.equals(namespace) && (name.equals("Benchmark") || name.equals("TestResult"))
                || ARF.equals(namespace) && name.equals("asset-report-collection")) {
            return;
        }
        if (namespace.startsWith(XCCDF_NAMESPACES)) {
            throw new UnreadableScanException(
                    "The file is XCCDF of namespace " + namespace + "; only XCCDF 1.2 (" + XCCDF_12 + ") is read");
        }
        throw new UnreadableScanException("The root element is " + name
                + (namespace.isEmpty() ? " without a namespace" : " of namespace " + namespace)
                + "; expected an XCCDF 1.2 Benchmark or TestResult, or an ARF asset-report-collection");
    }

    private void rule(XMLStreamReader xml) throws XMLStreamException {
        String id = xml.getAttributeValue(null, "id");
        String severity = xml.getAttributeValue(null, "severity");
        String title = null;
        Check check = Check.NONE;
        while (nextChild(xml)) {
            if (title == null && is(xml, "title")) {
                title = text(xml);
            } else if (check == Check.NONE && (is(xml, "check") || is(xml, "complex-check"))) {
                check = check(xml);
            } else {
                skipElement(xml);
            }
        }
        if (id != null) {
            rules.putIfAbsent(id, new Rule(title, severity, check.exports()));
        }
    }

    /**
     * {@code <Value id operator><title/><value>600</value><value selector="30_min">1800</value></Value>}; the value
     * without a selector is the default.
     */
    private void value(XMLStreamReader xml) throws XMLStreamException {
        String id = xml.getAttributeValue(null, "id");
        String operator = xml.getAttributeValue(null, "operator");
        String title = null;
        String value = null;
        Map<String, String> selected = new HashMap<>();
        while (nextChild(xml)) {
            if (title == null && is(xml, "title")) {
                title = text(xml);
            } else if (is(xml, "value")) {
                String selector = xml.getAttributeValue(null, "selector");
                String text = rawText(xml);
                if (selector == null || selector.isEmpty()) {
                    value = value == null ? text : value;
                } else {
                    selected.putIfAbsent(selector, text);
                }
            } else {
                skipElement(xml);
            }
        }
        if (id != null) {
            values.putIfAbsent(id, new Value(title, operator, value, selected));
        }
    }

    /** A Profile's refine-value (a selector) and set-value (a value of its own) elements. */
    private void profile(XMLStreamReader xml) throws XMLStreamException {
        String id = xml.getAttributeValue(null, "id");
        Map<String, Refinement> refinements = new HashMap<>();
        while (nextChild(xml)) {
            refinement(xml, refinements);
        }
        if (id != null) {
            profiles.putIfAbsent(id, refinements);
        }
    }

    /** Reads a refine-value or a set-value into {@code into}; skips any other element. */
    private static void refinement(XMLStreamReader xml, Map<String, Refinement> into) throws XMLStreamException {
        String idref = xml.getAttributeValue(null, "idref");
        if (idref != null && is(xml, "refine-value")) {
            String selector = xml.getAttributeValue(null, "selector");
            skipElement(xml);
            if (selector != null) {
                into.putIfAbsent(idref, new Refinement(selector, null));
            }
        } else if (idref != null && is(xml, "set-value")) {
            into.put(idref, new Refinement(null, rawText(xml)));
        } else {
            skipElement(xml);
        }
    }

    /**
     * A check, or a complex-check of checks: the ids of the Values its check-exports give it, and the text of its
     * check-imports, which the checking engine filled with what it found (e.g. a command's output).
     */
    private static Check check(XMLStreamReader xml) throws XMLStreamException {
        List<String> exports = new ArrayList<>();
        List<String> imports = new ArrayList<>();
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (event == XMLStreamConstants.START_ELEMENT) {
                if (is(xml, "check-export")) {
                    String valueId = xml.getAttributeValue(null, "value-id");
                    if (valueId != null) {
                        exports.add(valueId);
                    }
                    skipElement(xml);
                } else if (is(xml, "check-import")) {
                    String name = xml.getAttributeValue(null, "import-name");
                    String text = text(xml);
                    if (text != null) {
                        imports.add(name == null ? text : name + ": " + text);
                    }
                } else {
                    depth++;
                }
            }
        }
        return new Check(exports, imports);
    }

    private void testResult(XMLStreamReader xml)
            throws XMLStreamException, UnreadableScanException, ScanTooLargeException {
        ScanImportBuilder run = new ScanImportBuilder(xml.getAttributeValue(null, "test-system"));
        run.collectedAt(ScanValues.time(xml.getAttributeValue(null, "end-time"), "The TestResult's end-time"));
        Run choices = new Run();
        String target = null;
        while (nextChild(xml)) {
            if (is(xml, "rule-result")) {
                ruleResult(xml, run, choices);
            } else if (is(xml, "profile")) {
                choices.profile = xml.getAttributeValue(null, "idref");
                skipElement(xml);
            } else if (is(xml, "set-value")) {
                refinement(xml, choices.setValues);
            } else if (is(xml, "target-facts")) {
                scanner(xml, run);
            } else if (target == null && is(xml, "target")) {
                target = text(xml);
            } else if (is(xml, "identity")) {
                run.identity(text(xml));
            } else if (is(xml, "score")) {
                score(xml, run);
            } else {
                skipElement(xml);
            }
        }
        if (target != null) {
            run.target(new ScanSummary.Target(target, null, null, null));
        }
        if (latest == null) {
            latest = run;
            return;
        }
        earlierRuns++;
        if (isLater(run, latest)) {
            latest = run;
        }
    }

    /** A run without an end-time is taken as later than one with, so that, all else equal, the last one counts. */
    private static boolean isLater(ScanImportBuilder run, ScanImportBuilder than) {
        return than.collectedAt() == null
                || run.collectedAt() != null && !run.collectedAt().isBefore(than.collectedAt());
    }

    private void ruleResult(XMLStreamReader xml, ScanImportBuilder run, Run choices)
            throws XMLStreamException, UnreadableScanException, ScanTooLargeException {
        String where = "The rule-result at line " + xml.getLocation().getLineNumber();
        String ruleId = ScanValues.blankToNull(xml.getAttributeValue(null, "idref"));
        if (ruleId == null) {
            throw new UnreadableScanException(where + " has no idref");
        }
        String severity = xml.getAttributeValue(null, "severity");
        String result = null;
        List<String> found = new ArrayList<>();
        Check check = Check.NONE;
        while (nextChild(xml)) {
            if (result == null && is(xml, "result")) {
                result = text(xml);
            } else if (is(xml, "message")) {
                String message = text(xml);
                if (message != null) {
                    found.add(message);
                }
            } else if (check == Check.NONE && (is(xml, "check") || is(xml, "complex-check"))) {
                check = check(xml);
            } else {
                skipElement(xml);
            }
        }
        found.addAll(check.imports());
        String message = found.isEmpty() ? null : String.join("; ", found);
        if (result == null) {
            throw new UnreadableScanException(where + " (" + ruleId + ") has no result");
        }
        if (!RESULTS.containsKey(result)) {
            throw new UnreadableScanException(where + " (" + ruleId + ") has the result " + ScanValues.quoted(result)
                    + "; XCCDF 1.2 results are pass, fail, error, unknown, notapplicable, notchecked, notselected,"
                    + " informational and fixed");
        }
        boolean undetermined = UNDETERMINED.contains(result);
        Rule rule = rules.get(ruleId);
        List<String> exports = !check.exports().isEmpty() ? check.exports() : rule == null ? List.of() : rule.exports();
        run.addRule(
                new RuleOutcome(
                        ruleId,
                        rule == null ? null : rule.title(),
                        severity(severity, rule),
                        RESULTS.get(result),
                        expected(exports, choices),
                        undetermined ? (message == null ? result : result + ": " + message) : message),
                result,
                undetermined);
    }

    /**
     * What the rule's check was given to compare against, e.g. {@code Account Inactivity Timeout: at most 600}: each
     * exported Value by its title, with the value the run used. The run's own set-value wins, then its profile's, then
     * the value its profile selects, then the Value's default. Null when the check is given no Value.
     */
    private String expected(List<String> exports, Run choices) {
        List<String> expected = new ArrayList<>();
        Map<String, Refinement> profile =
                choices.profile == null ? Map.of() : profiles.getOrDefault(choices.profile, Map.of());
        for (String valueId : exports) {
            Value value = values.get(valueId);
            Refinement chosen = choices.setValues.getOrDefault(valueId, profile.get(valueId));
            String used = used(value, chosen);
            if (used == null) {
                continue;
            }
            String name = value != null && value.title() != null ? value.title() : valueId;
            String operator =
                    value == null || value.operator() == null ? "" : OPERATORS.getOrDefault(value.operator(), "");
            expected.add(name + ": " + operator + used);
        }
        return expected.isEmpty() ? null : String.join("; ", expected);
    }

    /** A value set for the run or its profile, else the one its profile selects, else the default; null if none. */
    private static String used(Value value, Refinement chosen) {
        if (chosen != null && chosen.value() != null) {
            return chosen.value();
        }
        if (value == null) {
            return null;
        }
        if (chosen != null && value.selected().containsKey(chosen.selector())) {
            return value.selected().get(chosen.selector());
        }
        return value.value();
    }

    /** The target facts that name the scanner and its version; the rest describe the machine, already known. */
    private static void scanner(XMLStreamReader xml, ScanImportBuilder run) throws XMLStreamException {
        while (nextChild(xml)) {
            String fact = is(xml, "fact") ? xml.getAttributeValue(null, "name") : null;
            if (SCANNER_NAME_FACT.equals(fact)) {
                String name = text(xml);
                if (name != null) {
                    run.product(name);
                }
            } else if (SCANNER_VERSION_FACT.equals(fact)) {
                run.productVersion(text(xml));
            } else {
                skipElement(xml);
            }
        }
    }

    /** {@code <score system="..." maximum="100">50</score>}; the maximum is 100 when not given. */
    private static void score(XMLStreamReader xml, ScanImportBuilder run)
            throws XMLStreamException, UnreadableScanException {
        String where = "The score at line " + xml.getLocation().getLineNumber();
        String system = xml.getAttributeValue(null, "system");
        String maximum = xml.getAttributeValue(null, "maximum");
        double value = number(text(xml), where);
        run.addScore(new ScanSummary.Score(
                system, value, number(maximum == null ? DEFAULT_MAXIMUM_SCORE : maximum, where + "'s maximum")));
    }

    private static double number(String text, String what) throws UnreadableScanException {
        try {
            double number = Double.parseDouble(text == null ? "" : text.strip());
            if (Double.isFinite(number)) {
                return number;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new UnreadableScanException(what + " is " + (text == null ? "empty" : ScanValues.quoted(text))
                + ", not a number such as 50.000000");
    }

    /** The rule-result's own severity, else its Rule's; {@code unknown} or none is no severity. */
    private static Severity severity(String ruleResultSeverity, Rule rule) {
        String severity = known(ruleResultSeverity) ? ruleResultSeverity : rule == null ? null : rule.severity();
        return known(severity) ? ScanValues.severity(severity) : null;
    }

    private static boolean known(String severity) {
        return severity != null && !severity.isBlank() && !UNKNOWN.equalsIgnoreCase(severity.strip());
    }

    private ScanImport finish() throws UnreadableScanException {
        if (latest == null) {
            throw new UnreadableScanException("The file holds no XCCDF 1.2 TestResult, so no rule results;"
                    + " expected the results of a scan, e.g. from oscap xccdf eval --results");
        }
        latest.skip("TestResult", "an earlier run in the same file; only the latest is imported", earlierRuns);
        return latest.build(false, true);
    }

    private static boolean is(XMLStreamReader xml, String element) {
        return XCCDF_12.equals(xml.getNamespaceURI()) && element.equals(xml.getLocalName());
    }

    /**
     * Moves to the next child element of the element being read, answering true, or to that element's end, answering
     * false. The caller reads or skips each child whole before asking for the next.
     */
    private static boolean nextChild(XMLStreamReader xml) throws XMLStreamException {
        while (true) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                return true;
            }
            if (event == XMLStreamConstants.END_ELEMENT) {
                return false;
            }
        }
    }

    /**
     * The text of the element being read, its children's included (an XCCDF title may hold {@code <sub>} elements),
     * with runs of white space made one space. Blank is null.
     */
    private static String text(XMLStreamReader xml) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        readElement(xml, text);
        return ScanValues.blankToNull(SPACES.matcher(text).replaceAll(" ").strip());
    }

    /** The text of the element being read as written, blanks kept but for those around it; a value may be "". */
    private static String rawText(XMLStreamReader xml) throws XMLStreamException {
        StringBuilder text = new StringBuilder();
        readElement(xml, text);
        return text.toString().strip();
    }

    private static void skipElement(XMLStreamReader xml) throws XMLStreamException {
        readElement(xml, null);
    }

    /** Reads to the end of the element being read, keeping its text when {@code text} is given. */
    private static void readElement(XMLStreamReader xml, StringBuilder text) throws XMLStreamException {
        int depth = 1;
        while (depth > 0) {
            int event = xml.next();
            if (event == XMLStreamConstants.START_ELEMENT) {
                depth++;
            } else if (event == XMLStreamConstants.END_ELEMENT) {
                depth--;
            } else if (text != null && TEXT_EVENTS.contains(event)) {
                text.append(xml.getText());
            }
        }
    }

    private static String at(Location location) {
        return location == null
                ? ""
                : " at line " + location.getLineNumber() + ", column " + location.getColumnNumber();
    }

    /** The JDK's parser puts its position before the message; the position is given apart. */
    private static String parserMessage(XMLStreamException e) {
        String message = String.valueOf(e.getMessage());
        int start = message.indexOf("Message: ");
        return start < 0 ? message : message.substring(start + "Message: ".length());
    }
}
