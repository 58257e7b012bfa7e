package cn.cityops.provincial.problem;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;

import cn.cityops.testkit.Http;
import cn.cityops.testkit.NodeContract;
import jakarta.json.JsonObject;
import org.jboss.arquillian.container.test.api.Deployment;
import org.jboss.arquillian.junit5.ArquillianExtension;
import org.jboss.arquillian.test.api.ArquillianResource;
import org.jboss.shrinkwrap.api.spec.WebArchive;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Every unexpected server-side exception is a 500 {@code application/problem+json} with only a reference (the log
 * has the stack trace under the same reference), never Payara's HTML error page. Regression: a
 * {@code jakarta.transaction.TransactionalException} from a {@code @Transactional(MANDATORY)} bean called outside a
 * transaction reached Jersey's own mapper for that type, which rethrows it ("An exception was not mapped due to
 * exception mapper failure"). The provincial WAR as built, plus the two test-only classes that provoke the failures.
 */
@ExtendWith(ArquillianExtension.class)
class UnexpectedErrorIT {

    @ArquillianResource
    URL deploymentUrl;

    private Http http;

    @Deployment(testable = false)
    static WebArchive war() {
        return NodeContract.builtWar().addClasses(MandatoryTransactionProbe.class, UnexpectedErrorResource.class);
    }

    @BeforeEach
    void ready() {
        NodeContract.awaitReady(deploymentUrl, "140000");
        http = new Http(deploymentUrl.toString());
    }

    @Test
    void transactionalExceptionIsAProblemWithAReference() {
        assertInternalErrorProblem(http.get("/api/test/unexpected/transactional"));
    }

    @Test
    void runtimeExceptionIsAProblemWithAReference() {
        assertInternalErrorProblem(http.get("/api/test/unexpected/runtime"));
    }

    private static void assertInternalErrorProblem(Http.Reply r) {
        assertEquals(500, r.status(), r.toString());
        assertTrue(r.isProblem(), r.toString());
        JsonObject problem = r.json();
        assertEquals("urn:cityops:problem:internal-error", problem.getString("type"));
        assertTrue(problem.getString("detail").matches("unexpected error, reference [0-9a-f]+"), r.toString());
        assertFalse(r.body().contains("Exception") || r.body().contains("internal detail"), r.toString());
    }
}
