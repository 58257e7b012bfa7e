package cn.cityops.core.exchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import cn.cityops.core.problem.Problem;
import cn.cityops.core.problem.ProblemException;
import cn.cityops.core.problem.ProblemType;
import cn.cityops.exchange.pkg.Receipts.Outcome;
import cn.cityops.exchange.pkg.RejectionCode;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The HTTPS transport binding's receiving end (SPEC.md §11): other nodes POST signed packages here. No user login —
 * the package's signature is its credential. Answers 200 with the signed receipt, 422 with a signed rejection, 413
 * when the body exceeds the limit, 400 problem+json when not even an envelope could be read, 503 when this node is not
 * enrolled or not serving.
 */
@Path("exchange/packages")
public class ExchangeInboxResource {

    @Inject
    Inbox inbox;

    @Inject
    ExchangeSettings settings;

    @POST
    @PermitAll
    @Consumes({Delivery.MEDIA_TYPE, MediaType.APPLICATION_JSON})
    @Produces({Delivery.MEDIA_TYPE, Problem.MEDIA_TYPE})
    public Response receive(InputStream body) throws Exception {
        byte[] wire = readBounded(body, settings.maxPackageBytes());
        Inbox.Answer answer;
        try {
            answer = inbox.receive(wire, "HTTP");
        } catch (ExchangeKeys.NotEnrolled e) {
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, e.getMessage());
        }
        if (answer.receipt().isEmpty()) {
            throw new ProblemException(new Problem(ProblemType.PACKAGE_REJECTED, answer.reason(), null,
                    Map.of("code", answer.code().name())));
        }
        int status = answer.outcome() == Outcome.REJECTED ? 422 : 200;
        return Response.status(status).type(Delivery.MEDIA_TYPE).entity(answer.receipt().get().toWire()).build();
    }

    private static byte[] readBounded(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
        byte[] buf = new byte[16384];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
            if (out.size() > max) {
                throw new ProblemException(new Problem(ProblemType.PAYLOAD_TOO_LARGE, "package exceeds the limit of "
                        + max + " bytes", null, Map.of("code", RejectionCode.PKG_TOO_LARGE.name())));
            }
        }
        return out.toByteArray();
    }
}
