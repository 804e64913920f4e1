package io.vigil.policy.api;

import static io.restassured.RestAssured.given;
import static io.vigil.policy.support.Scopes.GROUP_POLICY;
import static io.vigil.policy.support.Scopes.HISTORY;
import static io.vigil.policy.support.Scopes.newSubscription;
import static io.vigil.policy.support.Scopes.putGroup;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.vigil.testing.Callers;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Writers of one scope at the same moment: none is lost without being told. */
@QuarkusTest
class PolicyConcurrencyTest {

    private static final int WRITERS = 8;
    private static final String GROUP = "Race-RG";
    private static final int FIRST_MINUTES = 100;
    private static final long WRITE_TIMEOUT_SECONDS = 60;

    private ExecutorService pool;

    @BeforeEach
    void startWriters() {
        Callers.everyRequestAsAdmin();
        pool = Executors.newFixedThreadPool(WRITERS);
    }

    @AfterEach
    void stopWriters() {
        pool.shutdownNow();
        Callers.everyRequestAnonymous();
    }

    @Test
    void sameIfMatchLetsExactlyOneWriterWin() throws Exception {
        String sub = newSubscription();
        putGroup(sub, GROUP, Map.of("agentSilenceMinutes", 1)).then().statusCode(200);

        List<Response> answers = writeAtOnce(sub, "\"1\"");

        List<Response> winners = withStatus(answers, 200);
        assertEquals(1, winners.size());
        assertEquals(WRITERS - 1, withStatus(answers, 412).size());
        withStatus(answers, 412).forEach(refused -> assertEquals("/problems/precondition-failed", type(refused)));
        int winnerMinutes = winners.get(0).jsonPath().getInt("agentSilenceMinutes");
        Response stored = given().when().get(GROUP_POLICY, sub, GROUP);
        assertEquals("\"2\"", stored.header("ETag"));
        assertEquals(winnerMinutes, stored.jsonPath().getInt("agentSilenceMinutes"));
        assertEquals(2, historyOf(sub).size());
    }

    @Test
    void sameIfMatchOnFirstCreationLetsExactlyOneWriterWin() throws Exception {
        String sub = newSubscription();

        List<Response> answers = writeAtOnce(sub, "\"0\"");

        assertEquals(1, withStatus(answers, 200).size());
        assertEquals(WRITERS - 1, withStatus(answers, 412).size());
        assertEquals(1, historyOf(sub).size());
    }

    @Test
    void unconditionalWritersOfANewScopeEachWinOrAreToldToRetry() throws Exception {
        String sub = newSubscription();

        expectEveryWriteAccountedFor(sub, writeAtOnce(sub, null), 0);
    }

    @Test
    void unconditionalWritersOfAnExistingScopeEachWinOrAreToldToRetry() throws Exception {
        String sub = newSubscription();
        putGroup(sub, GROUP, Map.of("agentSilenceMinutes", 1)).then().statusCode(200);

        expectEveryWriteAccountedFor(sub, writeAtOnce(sub, null), 1);
    }

    /**
     * Each 200 is a change in the history with its own version and its own values; everybody else got a 409 that
     * tells them to retry; nothing else happened.
     */
    private static void expectEveryWriteAccountedFor(String sub, List<Response> answers, int earlierChanges) {
        List<Response> winners = withStatus(answers, 200);
        List<Response> refused = withStatus(answers, 409);
        assertEquals(WRITERS, winners.size() + refused.size(), "only 200 and 409 are acceptable answers");
        assertTrue(winners.size() >= 1);
        refused.forEach(answer -> assertEquals("/problems/concurrent-modification", type(answer)));

        List<Map<String, Object>> history = historyOf(sub);
        assertEquals(earlierChanges + winners.size(), history.size());
        Map<Integer, Integer> minutesByVersion = new HashMap<>();
        for (Map<String, Object> change : history) {
            @SuppressWarnings("unchecked")
            Map<String, Object> after = (Map<String, Object>) change.get("after");
            Integer previous =
                    minutesByVersion.put((Integer) change.get("version"), (Integer) after.get("agentSilenceMinutes"));
            assertEquals(null, previous, "versions in the history are distinct");
        }
        Set<String> etags = new HashSet<>();
        for (Response winner : winners) {
            int version = Integer.parseInt(winner.header("ETag").replace("\"", ""));
            assertTrue(etags.add(winner.header("ETag")), "every winner got its own version");
            assertEquals(winner.jsonPath().getInt("agentSilenceMinutes"), minutesByVersion.get(version));
        }
        int latest = earlierChanges + winners.size();
        Response stored = given().when().get(GROUP_POLICY, sub, GROUP);
        assertEquals("\"" + latest + "\"", stored.header("ETag"));
        assertEquals(minutesByVersion.get(latest), stored.jsonPath().getInt("agentSilenceMinutes"));
    }

    /** Every writer waits at a gate, then all send at once, each with values of its own. */
    private List<Response> writeAtOnce(String sub, String ifMatch) throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        List<Future<Response>> pending = new ArrayList<>();
        for (int writer = 0; writer < WRITERS; writer++) {
            int minutes = FIRST_MINUTES + writer;
            pending.add(pool.submit(() -> {
                var request = given().contentType(ContentType.JSON).body(Map.of("agentSilenceMinutes", minutes));
                if (ifMatch != null) {
                    request.header("If-Match", ifMatch);
                }
                gate.await();
                return request.when().put(GROUP_POLICY, sub, GROUP);
            }));
        }
        gate.countDown();
        List<Response> answers = new ArrayList<>();
        for (Future<Response> answer : pending) {
            answers.add(answer.get(WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS));
        }
        return answers;
    }

    private static List<Response> withStatus(List<Response> answers, int status) {
        return answers.stream().filter(a -> a.statusCode() == status).toList();
    }

    private static String type(Response answer) {
        return answer.jsonPath().getString("type");
    }

    private static List<Map<String, Object>> historyOf(String sub) {
        JsonPath page = given().queryParam("limit", 200)
                .when()
                .get(HISTORY, sub)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        return page.getList("value");
    }
}
