package io.vigil.alert.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Row;
import io.vertx.mutiny.sqlclient.SqlConnection;
import io.vertx.mutiny.sqlclient.Tuple;
import io.vigil.alert.config.AlertConfig;
import io.vigil.alert.detection.Catalogue;
import io.vigil.alert.detection.Descriptions;
import io.vigil.alert.detection.DetectionRule;
import io.vigil.alert.detection.Detector;
import io.vigil.alert.detection.EventField;
import io.vigil.alert.detection.Finding;
import io.vigil.alert.detection.ObservedEvent;
import io.vigil.alert.detection.OpenFinding;
import io.vigil.alert.detection.RuleSettings;
import io.vigil.alert.model.AlertStatus;
import io.vigil.alert.model.EntityMatch;
import io.vigil.alert.model.InvolvedEntity;
import io.vigil.alert.model.Severity;
import io.vigil.common.events.EventAction;
import io.vigil.common.events.EventCategory;
import io.vigil.common.machine.MachineRef;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Runs the catalogue's rules for the subjects a delivery touched on one machine and raises or updates their alerts,
 * inside the caller's transaction.
 *
 * <p>Each rule is recomputed from every stored event about a touched subject, so the answer never depends on the
 * order events arrived in. A transaction-scoped advisory lock on the machine makes replicas that receive events of
 * the same machine at once take turns, so they never raise two alerts about one subject. Rules that read the same
 * kind of events about the same kind of subject share one read.
 *
 * <p>Events about a subject up to the end of a closed alert belong to that alert; only later ones can raise a new
 * one. A suppressed alert keeps taking its subject's repeats while its suppression rule is in force, so a suppressed
 * source never floods the list with dismissed alerts.
 *
 * <p>Rules about a source address (brute force, a logon after it, port scans: the rules of heavy traffic) read only
 * what can change their answer, so a source that stays busy costs the same on every delivery. While such a subject has
 * an open alert and its new events all come after the alert's end, the alert's kept finding (its counts, the values it
 * names, its evidence) is extended by the new events alone, without reading the earlier ones. Without an open alert,
 * only events inside the rule's look-back before the earliest new event are read: every earlier window was judged
 * when its events arrived. A new event earlier than an open alert's end (a late arrival) makes the rule recompute the
 * subject from every stored event, as all other rules do on each delivery. New failed logons alone make a logon after
 * failures be judged only when a stored successful logon of their source follows them within the rule's look-back.
 *
 * <p>Limits: a rule judges events as they arrive, so a threshold lowered, a window widened, a rule turned on or a
 * subscription moved to the Standard tier applies to events from then on, not to those stored before. Rules about
 * accounts, threats or the machine itself read every stored event about a touched subject on each delivery; their
 * events are few. An alert still open when its first events pass the retention period is recomputed from what is
 * left only when a late event makes it be recomputed; its start and count then never go back.
 */
@ApplicationScoped
public class Detections {

    private static final String DETECTION = "detection";

    private static final String SELECT_STANDING = "select a.id, a.entity_key, a.status, a.severity, a.escalated_from,"
            + " a.description,"
            + " a.escalation_reason, a.start_time, a.end_time, a.event_count, a.finding_state::text as finding_state,"
            + " r.name is not null as suppressing"
            + " from alert.alert a left join alert.suppression_rule r on r.subscription_id = a.subscription_id"
            + " and r.name = a.suppressed_by and r.expires_at > now()"
            + " where a.machine_key = $1 and a.alert_type = $2 and a.entity_key = any($3)";

    private static final String SELECT_SUPPRESSIONS = "select name, alert_type, entities, reason"
            + " from alert.suppression_rule where subscription_id = $1 and expires_at > now() order by name";

    private static final String INSERT_ALERT = "insert into alert.alert (id, subscription_id, resource_group,"
            + " resource_group_key, machine_name, machine_key, compromised_entity, alert_type, entity_key,"
            + " display_name, description, severity, status, intent, entities, remediation_steps, start_time,"
            + " end_time, event_count, suppressed_by, escalated_from, escalation_reason, finding_state, created_at,"
            + " updated_at) values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17,"
            + " $18, $19, $20, $21, $22, $23::text::jsonb, now(), now())";

    /**
     * The start never goes back (events past retention leave it where it was); the end is the latest event's, which
     * is earlier than before only when a late endpoint protection report moved a switch-off earlier.
     */
    private static final String UPDATE_ALERT = "update alert.alert set description = $2, entities = $3,"
            + " start_time = least(start_time, $4), end_time = $5,"
            + " event_count = greatest(event_count, $6), severity = $7, escalated_from = $8, escalation_reason = $9,"
            + " finding_state = $10::text::jsonb, updated_at = now() where id = $1";

    private static final String SELECT_EVIDENCE_TIMES =
            "select alert_id, event_id, event_time from alert.alert_evidence where alert_id = any($1)";

    private static final String INSERT_HISTORY = "insert into alert.alert_history (alert_id, changed_at, changed_by,"
            + " change, from_value, to_value, note) values ($1, now(), $2, $3, $4, $5, $6)";

    /** Evidence of the recomputed span that is no longer among its first or latest events goes. */
    private static final String TRIM_EVIDENCE = "delete from alert.alert_evidence"
            + " where alert_id = $1 and event_time >= $2 and not (event_id = any($3))";

    private static final String INSERT_EVIDENCE = "insert into alert.alert_evidence (alert_id, event_id, event_time,"
            + " repeat_count, category, action, source_address, account, raw)"
            + " select $1, id, event_time, repeat_count, category, action, source_address, account, raw"
            + " from alert.event where machine_key = $2 and id = any($3) on conflict do nothing";

    private final EventStore events;
    private final ObjectMapper json;
    private final int evidencePerEnd;

    public Detections(EventStore events, ObjectMapper json, AlertConfig config) {
        this.events = events;
        this.json = json;
        this.evidencePerEnd = config.evidencePerEnd();
    }

    /**
     * @param arrivals what the delivery brought the machine, by rule and subject
     * @param settings the values every rule runs with for the machine's subscription, by rule id
     */
    public Uni<Void> detect(
            SqlConnection connection, MachineRef machine, Arrivals arrivals, Map<String, RuleSettings> settings) {
        Map<Read, List<DetectionRule>> reads = new LinkedHashMap<>();
        for (DetectionRule rule : Catalogue.RULES) {
            if (arrivals.touches(rule.ruleId()) && settings.get(rule.ruleId()).enabled()) {
                reads.computeIfAbsent(new Read(rule.category(), rule.subject()), read -> new ArrayList<>())
                        .add(rule);
            }
        }
        if (reads.isEmpty()) {
            return Uni.createFrom().voidItem();
        }

        return connection
                .preparedQuery("select pg_advisory_xact_lock(hashtext($1))")
                .execute(Tuple.of(machine.key()))
                .chain(() -> suppressions(connection, machine.subscriptionId()))
                .chain(suppressions -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Map.Entry<Read, List<DetectionRule>> read : reads.entrySet()) {
                        chain = chain.chain(() -> standings(connection, machine, read.getValue(), arrivals)
                                .chain(standings -> {
                                    List<Plan> plans = plan(read.getValue(), standings, arrivals, settings);
                                    return withoutLoneFailures(connection, machine, plans, arrivals, settings)
                                            .chain(kept -> read(
                                                            connection, machine, read.getKey(), read.getValue(), kept)
                                                    .chain(stored -> evaluateAll(
                                                            connection,
                                                            machine,
                                                            kept,
                                                            stored,
                                                            settings,
                                                            suppressions)));
                                }));
                    }
                    return chain;
                });
    }

    /** Each rule's alerts about the touched subjects, by subject. */
    private Uni<Map<String, Map<String, Standing>>> standings(
            SqlConnection connection, MachineRef machine, List<DetectionRule> rules, Arrivals arrivals) {
        Map<String, Map<String, Standing>> standings = new HashMap<>();
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (DetectionRule rule : rules) {
            chain = chain.chain(() -> connection
                    .preparedQuery(SELECT_STANDING)
                    .execute(Tuple.of(
                            machine.key(),
                            rule.alertType().name(),
                            arrivals.subjects(rule.ruleId()).toArray(String[]::new)))
                    .invoke(rows -> standings.put(rule.ruleId(), standingBySubject(machine, rows)))
                    .replaceWithVoid());
        }
        return chain.map(done -> standings);
    }

    /**
     * What each rule does with each touched subject: extend its open alert by the new events, or judge stored events
     * from a time on (null: all of them).
     */
    private static List<Plan> plan(
            List<DetectionRule> rules,
            Map<String, Map<String, Standing>> standings,
            Arrivals arrivals,
            Map<String, RuleSettings> settings) {
        List<Plan> plans = new ArrayList<>();
        for (DetectionRule rule : rules) {
            Map<String, Standing> standing = standings.get(rule.ruleId());
            Map<String, List<ObservedEvent>> extending = new LinkedHashMap<>();
            Map<String, Instant> since = new LinkedHashMap<>();
            for (String subject : arrivals.subjects(rule.ruleId())) {
                Standing current = standing.getOrDefault(subject, Standing.NONE);
                List<ObservedEvent> arrived = arrivals.of(rule.ruleId(), subject);
                boolean known = arrived != null && !arrived.isEmpty() && Detector.extensible(rule);
                StoredAlert target = current.target();
                if (known && target != null && target.open() != null && noneBefore(arrived, target.end())) {
                    extending.put(subject, arrived);
                } else if (known && target == null) {
                    Instant earliest = arrived.stream()
                            .map(ObservedEvent::time)
                            .min(Instant::compareTo)
                            .orElseThrow();
                    Instant from = earliest.minus(lookBack(rule, settings));
                    since.put(
                            subject,
                            current.closedUntil() != null
                                            && current.closedUntil().isAfter(from)
                                    ? current.closedUntil()
                                    : from);
                } else {
                    since.put(subject, current.closedUntil());
                }
            }
            plans.add(new Plan(rule, standing, extending, since));
        }
        return plans;
    }

    /** Each plan without the subjects whose new failed logons alone cannot change its rule's answer. */
    private Uni<List<Plan>> withoutLoneFailures(
            SqlConnection connection,
            MachineRef machine,
            List<Plan> plans,
            Arrivals arrivals,
            Map<String, RuleSettings> settings) {
        Uni<List<Plan>> chain = Uni.createFrom().item(new ArrayList<>());
        for (Plan plan : plans) {
            chain = chain.chain(kept -> withoutLoneFailures(connection, machine, plan, arrivals, settings)
                    .map(narrowed -> {
                        kept.add(narrowed);
                        return kept;
                    }));
        }
        return chain;
    }

    /**
     * Failed logons complete no logon after failures by themselves: they count only for a successful logon of their
     * source within the rule's look-back after them. A subject whose new events are all failures, with no stored
     * successful logon in that stretch, is left out, so a brute force in progress does not make every delivery read
     * all of its failures inside the look-back.
     */
    private Uni<Plan> withoutLoneFailures(
            SqlConnection connection,
            MachineRef machine,
            Plan plan,
            Arrivals arrivals,
            Map<String, RuleSettings> settings) {
        DetectionRule rule = plan.rule();
        if (rule.kind() != DetectionRule.Kind.LOGON_AFTER_FAILURES) {
            return Uni.createFrom().item(plan);
        }
        Duration lookBack = lookBack(rule, settings);
        Map<String, EventStore.Span> spans = new LinkedHashMap<>();
        for (String subject : plan.since().keySet()) {
            List<ObservedEvent> arrived = arrivals.of(rule.ruleId(), subject);
            if (arrived != null
                    && !arrived.isEmpty()
                    && arrived.stream().allMatch(event -> event.action() == EventAction.LogonFailed)) {
                Instant earliest = arrived.stream()
                        .map(ObservedEvent::time)
                        .min(Instant::compareTo)
                        .orElseThrow();
                Instant latest = arrived.stream()
                        .map(ObservedEvent::time)
                        .max(Instant::compareTo)
                        .orElseThrow();
                spans.put(subject, new EventStore.Span(earliest, latest.plus(lookBack)));
            }
        }
        if (spans.isEmpty()) {
            return Uni.createFrom().item(plan);
        }

        return events.subjectsWith(
                        connection, machine.key(), rule.category(), EventAction.LogonSucceeded, rule.subject(), spans)
                .map(withLogon -> {
                    Map<String, Instant> since = new LinkedHashMap<>(plan.since());
                    spans.keySet().stream()
                            .filter(subject -> !withLogon.contains(subject))
                            .forEach(since::remove);
                    return new Plan(rule, plan.standing(), plan.extending(), since);
                });
    }

    /**
     * Events at the alert's end count as later ones: log lines are stamped to the second, so a flood of them shares its
     * latest alert's end time, and each delivery must not go back to reading every event of the subject for that. The
     * one thing that can differ from judging all events again: of a value written in two cases within that second, the
     * alert keeps the spelling that arrived first.
     */
    private static boolean noneBefore(List<ObservedEvent> events, Instant end) {
        return events.stream().noneMatch(event -> event.time().isBefore(end));
    }

    /**
     * How far before a new event the events that decide whether it completes a finding can lie: the rule's window, or
     * for a logon after failures its own window and the longest window of the brute force rules it is judged by.
     */
    private static Duration lookBack(DetectionRule rule, Map<String, RuleSettings> settings) {
        Duration own = settings.get(rule.ruleId()).window();
        if (rule.kind() == DetectionRule.Kind.WINDOW) {
            return own;
        }
        Duration bruteForce = rule.bruteForceRules().stream()
                .map(id -> settings.getOrDefault(
                                id, Catalogue.find(id).orElseThrow().defaults())
                        .window())
                .max(Duration::compareTo)
                .orElse(Duration.ZERO);
        return own.plus(bruteForce);
    }

    /** One read for the rules of a kind: each subject from the earliest time one of them needs. */
    private Uni<List<ObservedEvent>> read(
            SqlConnection connection, MachineRef machine, Read read, List<DetectionRule> rules, List<Plan> plans) {
        Set<EventAction> actions = new LinkedHashSet<>();
        rules.forEach(rule -> actions.addAll(rule.actions()));
        Map<String, Instant> since = new LinkedHashMap<>();
        Set<String> fromTheStart = new LinkedHashSet<>();
        for (Plan plan : plans) {
            plan.since().forEach((subject, from) -> {
                if (from == null) {
                    fromTheStart.add(subject);
                } else if (!since.containsKey(subject) || from.isBefore(since.get(subject))) {
                    since.put(subject, from);
                }
            });
        }
        fromTheStart.forEach(subject -> since.put(subject, null));
        if (since.isEmpty()) {
            return Uni.createFrom().item(List.of());
        }
        return events.observed(connection, machine.key(), read.category(), actions, read.subject(), since);
    }

    private Uni<Void> evaluateAll(
            SqlConnection connection,
            MachineRef machine,
            List<Plan> plans,
            List<ObservedEvent> stored,
            Map<String, RuleSettings> settings,
            List<Suppression> suppressions) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Plan plan : plans) {
            chain = chain.chain(() -> extend(connection, machine, plan, settings))
                    .chain(() -> evaluate(connection, machine, plan, settings, stored, suppressions));
        }
        return chain;
    }

    /** The open alerts whose new events all came after them take those events, their earlier ones left unread. */
    private Uni<Void> extend(
            SqlConnection connection, MachineRef machine, Plan plan, Map<String, RuleSettings> allSettings) {
        if (plan.extending().isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        DetectionRule rule = plan.rule();
        UUID[] ids = plan.extending().keySet().stream()
                .map(subject -> plan.standing().get(subject).target().id())
                .toArray(UUID[]::new);
        return connection
                .preparedQuery(SELECT_EVIDENCE_TIMES)
                .execute(Tuple.of(ids))
                .map(Detections::evidenceTimes)
                .chain(evidence -> {
                    Uni<Void> chain = Uni.createFrom().voidItem();
                    for (Map.Entry<String, List<ObservedEvent>> subject :
                            plan.extending().entrySet()) {
                        StoredAlert target =
                                plan.standing().get(subject.getKey()).target();
                        OpenFinding open = target.open().withEvidence(evidence.getOrDefault(target.id(), Map.of()));
                        Finding finding = Detector.extend(rule, open, subject.getValue(), evidencePerEnd);
                        if (finding != null) {
                            chain = chain.chain(() ->
                                    update(connection, machine, rule, allSettings.get(rule.ruleId()), target, finding));
                        }
                    }
                    return chain;
                });
    }

    private static Map<UUID, Map<UUID, Instant>> evidenceTimes(Iterable<Row> rows) {
        Map<UUID, Map<UUID, Instant>> times = new HashMap<>();
        for (Row row : rows) {
            times.computeIfAbsent(row.getUUID("alert_id"), id -> new HashMap<>())
                    .put(row.getUUID("event_id"), EventStore.instant(row, "event_time"));
        }
        return times;
    }

    private Uni<Void> evaluate(
            SqlConnection connection,
            MachineRef machine,
            Plan plan,
            Map<String, RuleSettings> allSettings,
            List<ObservedEvent> stored,
            List<Suppression> suppressions) {
        DetectionRule rule = plan.rule();
        Set<String> subjects = plan.since().keySet();
        if (subjects.isEmpty()) {
            return Uni.createFrom().voidItem();
        }
        Map<String, Standing> standing = plan.standing();
        List<ObservedEvent> open = stored.stream()
                .filter(event -> rule.matches(event) && subjects.contains(rule.subjectOf(event)))
                .filter(event -> standing.getOrDefault(rule.subjectOf(event), Standing.NONE)
                        .takes(event.time()))
                .toList();
        List<Finding> findings = Detector.evaluate(rule, allSettings, open, evidencePerEnd);
        RuleSettings settings = allSettings.get(rule.ruleId());
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (Finding finding : findings) {
            StoredAlert target =
                    standing.getOrDefault(finding.subject(), Standing.NONE).target();
            if (target == null) {
                chain = chain.chain(() -> raise(connection, machine, rule, settings, finding, suppressions));
            } else if (target.differsFrom(finding)
                    || target.open() == null && Detector.extensible(rule)
                    || !revisedDescription(rule, settings, target, finding, machine.name())
                            .equals(target.description())) {
                chain = chain.chain(() -> update(connection, machine, rule, settings, target, finding));
            }
        }
        return chain;
    }

    private Uni<Void> raise(
            SqlConnection connection,
            MachineRef machine,
            DetectionRule rule,
            RuleSettings settings,
            Finding finding,
            List<Suppression> suppressions) {
        UUID id = UUID.randomUUID();
        List<InvolvedEntity> entities = Descriptions.entities(rule, finding, machine.resourceId());
        Suppression suppression = suppressions.stream()
                .filter(candidate ->
                        candidate.alertType().equals(rule.alertType().name())
                                && EntityMatch.all(candidate.matches(), machine.name(), entities))
                .findFirst()
                .orElse(null);
        AlertStatus status = suppression == null ? AlertStatus.Active : AlertStatus.Dismissed;
        Severity escalatedFrom = escalatedFrom(rule, finding.severity());
        String description = Descriptions.describe(rule, settings, finding, machine.name())
                + (escalatedFrom == null
                        ? ""
                        : Descriptions.escalationNote(escalatedFrom, finding.severity(), finding.escalationReason()));
        Tuple parameters = Tuple.tuple(Arrays.asList(
                id,
                machine.subscriptionId(),
                machine.resourceGroup(),
                machine.resourceGroup().toLowerCase(Locale.ROOT),
                machine.name(),
                machine.key(),
                machine.resourceId(),
                rule.alertType().name(),
                finding.subject(),
                rule.displayName(),
                description,
                finding.severity().name(),
                status.name(),
                rule.intent(),
                toJson(entities),
                toJson(rule.remediationSteps()),
                finding.start().atOffset(ZoneOffset.UTC),
                finding.end().atOffset(ZoneOffset.UTC),
                finding.eventCount(),
                suppression == null ? null : suppression.name(),
                escalatedFrom == null ? null : escalatedFrom.name(),
                escalatedFrom == null ? null : finding.escalationReason(),
                keptFinding(rule, finding)));

        Uni<Void> written = connection
                .preparedQuery(INSERT_ALERT)
                .execute(parameters)
                .chain(() -> history(
                        connection,
                        id,
                        suppression == null ? DETECTION : "suppression rule " + suppression.name(),
                        "Status",
                        null,
                        status.name(),
                        suppression == null ? null : suppression.reason()));
        if (escalatedFrom != null) {
            written = written.chain(() -> history(
                    connection,
                    id,
                    DETECTION,
                    "Severity",
                    escalatedFrom.name(),
                    finding.severity().name(),
                    finding.escalationReason()));
        }
        return written.chain(() -> evidence(connection, machine, id, finding))
                .invoke(() -> Log.infof(
                        "Alert %s raised%s: %s about '%s' on %s, %d events",
                        id,
                        suppression == null ? "" : " and dismissed by suppression rule " + suppression.name(),
                        rule.alertType(),
                        finding.subject(),
                        machine.resourceId(),
                        finding.eventCount()));
    }

    private Uni<Void> update(
            SqlConnection connection,
            MachineRef machine,
            DetectionRule rule,
            RuleSettings settings,
            StoredAlert stored,
            Finding finding) {
        boolean escalating = finding.severity().compareTo(stored.severity()) < 0;
        Severity severity = escalating ? finding.severity() : stored.severity();
        Severity escalatedFrom = escalatedFrom(rule, severity);
        String reason = escalating ? finding.escalationReason() : stored.escalationReason();
        String description = revisedDescription(rule, settings, stored, finding, machine.name());
        Tuple parameters = Tuple.tuple(Arrays.asList(
                stored.id(),
                description,
                toJson(Descriptions.entities(rule, finding, machine.resourceId())),
                finding.start().atOffset(ZoneOffset.UTC),
                finding.end().atOffset(ZoneOffset.UTC),
                finding.eventCount(),
                severity.name(),
                escalatedFrom == null ? null : escalatedFrom.name(),
                reason,
                keptFinding(rule, finding)));

        Uni<Void> written = connection
                .preparedQuery(UPDATE_ALERT)
                .execute(parameters)
                .chain(() -> evidence(connection, machine, stored.id(), finding));
        if (escalating) {
            written = written.chain(() -> history(
                            connection,
                            stored.id(),
                            DETECTION,
                            "Severity",
                            stored.severity().name(),
                            severity.name(),
                            reason))
                    .invoke(() -> Log.infof(
                            "Alert %s raised from %s to %s: %s", stored.id(), stored.severity(), severity, reason));
        }
        return written.invoke(() -> Log.debugf("Alert %s updated: %d events", stored.id(), finding.eventCount()));
    }

    /**
     * What an open alert's description becomes with the finding: it says what the events say (a late failed logon
     * changes the failures counted before a successful one, say, though no count, time or severity of the alert).
     */
    private static String revisedDescription(
            DetectionRule rule, RuleSettings settings, StoredAlert stored, Finding finding, String machineName) {
        boolean escalating = finding.severity().compareTo(stored.severity()) < 0;
        Severity severity = escalating ? finding.severity() : stored.severity();
        Severity escalatedFrom = escalatedFrom(rule, severity);
        String reason = escalating ? finding.escalationReason() : stored.escalationReason();
        return Descriptions.describe(rule, settings, finding, machineName)
                + (escalatedFrom == null ? "" : Descriptions.escalationNote(escalatedFrom, severity, reason));
    }

    /**
     * The rule's usual severity when the alert is above it, else null: an alert's escalation follows from its events
     * alone, so it reads the same whether they came in one delivery (raised at once at the higher severity) or in
     * several (raised, then escalated).
     */
    private static Severity escalatedFrom(DetectionRule rule, Severity severity) {
        return severity.compareTo(rule.severity()) < 0 ? rule.severity() : null;
    }

    private Uni<Void> evidence(SqlConnection connection, MachineRef machine, UUID alertId, Finding finding) {
        UUID[] ids = finding.evidence().toArray(UUID[]::new);
        return connection
                .preparedQuery(TRIM_EVIDENCE)
                .execute(Tuple.of(alertId, finding.start().atOffset(ZoneOffset.UTC), ids))
                .chain(() -> connection.preparedQuery(INSERT_EVIDENCE).execute(Tuple.of(alertId, machine.key(), ids)))
                .replaceWithVoid();
    }

    static Uni<Void> history(
            SqlConnection connection, UUID alertId, String by, String change, String from, String to, String note) {
        return connection
                .preparedQuery(INSERT_HISTORY)
                .execute(Tuple.tuple(Arrays.asList(alertId, by, change, from, to, note)))
                .replaceWithVoid();
    }

    private Uni<List<Suppression>> suppressions(SqlConnection connection, String subscriptionId) {
        return connection
                .preparedQuery(SELECT_SUPPRESSIONS)
                .execute(Tuple.of(subscriptionId))
                .map(rows -> {
                    List<Suppression> found = new ArrayList<>();
                    for (Row row : rows) {
                        found.add(new Suppression(
                                row.getString("name"),
                                row.getString("alert_type"),
                                fromJson(row.getString("entities")),
                                row.getString("reason")));
                    }
                    return found;
                });
    }

    /**
     * What is kept of an extensible rule's finding beside the alert, for later events to extend it (null for other
     * rules): the values it names, and the failures before a logon after failures.
     */
    private String keptFinding(DetectionRule rule, Finding finding) {
        if (!Detector.extensible(rule)) {
            return null;
        }
        Map<String, List<String>> seen = new TreeMap<>();
        finding.seen().forEach((field, values) -> seen.put(field.name(), List.copyOf(values)));
        return toJson(new KeptFinding(seen, finding.precedingFailures()));
    }

    private OpenFinding openFinding(
            String text, String machineKey, String subject, Instant start, Instant end, long eventCount) {
        if (text == null) {
            return null;
        }
        KeptFinding kept;
        try {
            kept = json.readValue(text, KeptFinding.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An alert's kept finding is not the expected JSON", e);
        }
        Map<EventField, SortedSet<String>> seen = new EnumMap<>(EventField.class);
        kept.seen().forEach((field, values) -> {
            SortedSet<String> set = Detector.emptyValues(EventField.valueOf(field));
            set.addAll(values);
            seen.put(EventField.valueOf(field), set);
        });
        return new OpenFinding(machineKey, subject, start, end, eventCount, seen, kept.precedingFailures(), Map.of());
    }

    /** The stored form of an open finding's values: field name to values, and the failures counted before. */
    private record KeptFinding(Map<String, List<String>> seen, long precedingFailures) {}

    private String toJson(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("An alert field could not be written as JSON", e);
        }
    }

    private List<EntityMatch> fromJson(String text) {
        try {
            return json.readValue(text, new TypeReference<>() {});
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A suppression rule's entities are not the expected JSON", e);
        }
    }

    private Map<String, Standing> standingBySubject(MachineRef machine, Iterable<Row> rows) {
        Map<String, List<StoredAlert>> bySubject = new HashMap<>();
        for (Row row : rows) {
            String subject = row.getString("entity_key");
            Instant start = EventStore.instant(row, "start_time");
            Instant end = EventStore.instant(row, "end_time");
            long eventCount = row.getLong("event_count");
            bySubject
                    .computeIfAbsent(subject, key -> new ArrayList<>())
                    .add(new StoredAlert(
                            row.getUUID("id"),
                            AlertStatus.valueOf(row.getString("status")),
                            Boolean.TRUE.equals(row.getBoolean("suppressing")),
                            Severity.valueOf(row.getString("severity")),
                            row.getString("escalated_from") == null
                                    ? null
                                    : Severity.valueOf(row.getString("escalated_from")),
                            row.getString("escalation_reason"),
                            row.getString("description"),
                            start,
                            end,
                            eventCount,
                            openFinding(
                                    row.getString("finding_state"), machine.key(), subject, start, end, eventCount)));
        }
        Map<String, Standing> standing = new HashMap<>();
        bySubject.forEach((subject, alerts) -> standing.put(subject, Standing.of(alerts)));
        return standing;
    }

    /** Rules of one category and one kind of subject read their events together. */
    private record Read(EventCategory category, EventField subject) {}

    /**
     * A rule's work on the subjects a delivery touched: the subjects whose open alert the new events extend, and the
     * others with the time from which their stored events are judged (null: all of them).
     */
    private record Plan(
            DetectionRule rule,
            Map<String, Standing> standing,
            Map<String, List<ObservedEvent>> extending,
            Map<String, Instant> since) {}

    private record Suppression(String name, String alertType, List<EntityMatch> matches, String reason) {}

    /**
     * A subject's alerts on the machine: the one that takes its new events (the open one, else a suppressed one whose
     * rule is in force), and the end of the latest of the others.
     */
    private record Standing(StoredAlert target, Instant closedUntil) {

        static final Standing NONE = new Standing(null, null);

        static Standing of(List<StoredAlert> alerts) {
            StoredAlert target = alerts.stream()
                    .filter(alert -> alert.status().isOpen())
                    .findFirst()
                    .or(() -> alerts.stream()
                            .filter(alert -> alert.status() == AlertStatus.Dismissed && alert.suppressing())
                            .max(Comparator.comparing(StoredAlert::end)))
                    .orElse(null);
            Instant closedUntil = alerts.stream()
                    .filter(alert -> alert != target)
                    .map(StoredAlert::end)
                    .max(Instant::compareTo)
                    .orElse(null);
            return new Standing(target, closedUntil);
        }

        boolean takes(Instant time) {
            return closedUntil == null || time.isAfter(closedUntil);
        }
    }

    private record StoredAlert(
            UUID id,
            AlertStatus status,
            boolean suppressing,
            Severity severity,
            Severity escalatedFrom,
            String escalationReason,
            String description,
            Instant start,
            Instant end,
            long eventCount,
            OpenFinding open) {

        boolean differsFrom(Finding finding) {
            return finding.start().isBefore(start)
                    || !finding.end().equals(end)
                    || finding.eventCount() > eventCount
                    || finding.severity().compareTo(severity) < 0;
        }
    }
}
