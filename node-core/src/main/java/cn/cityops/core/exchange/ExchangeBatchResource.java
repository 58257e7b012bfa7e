package cn.cityops.core.exchange;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

import cn.cityops.core.problem.Problem;
import cn.cityops.core.problem.ProblemException;
import cn.cityops.core.problem.ProblemType;
import cn.cityops.exchange.pkg.BatchDocument;
import cn.cityops.exchange.pkg.PackageTooLargeException;
import cn.cityops.exchange.pkg.RejectionCode;
import jakarta.annotation.security.PermitAll;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

/**
 * The HTTPS batch binding's receiving end (SPEC.md §13.3): a neighbour POSTs {@code {"packages":[…]}}, each element a
 * single-package wire document with its own signature. Answers 200 with ONE signed {@code receipt.batch} (an entry per
 * element, in order, whatever became of it), 413 problem+json when the batch exceeds the limits, 400 problem+json
 * when the body is not a batch or no element names a sender to answer, 503 when not enrolled or not serving.
 */
@Path("exchange/batches")
public class ExchangeBatchResource {

    @Inject
    Inbox inbox;

    @Inject
    ExchangeSettings settings;

    @POST
    @PermitAll
    @Consumes(BatchDocument.MEDIA_TYPE)
    @Produces({Delivery.MEDIA_TYPE, Problem.MEDIA_TYPE})
    public Response receive(InputStream body) throws Exception {
        byte[] doc = readBounded(body, settings.batchAcceptMaxBytes());
        try {
            return Response.ok(inbox.receiveBatch(doc, "HTTP").toWire(), Delivery.MEDIA_TYPE).build();
        } catch (ExchangeKeys.NotEnrolled e) {
            throw new ProblemException(ProblemType.SERVICE_UNAVAILABLE, e.getMessage());
        } catch (PackageTooLargeException e) {
            throw tooLarge(e.getMessage());
        } catch (Inbox.UnreadableBatch e) {
            throw new ProblemException(new Problem(ProblemType.PACKAGE_REJECTED, e.getMessage(), null,
                    Map.of("code", e.code().name())));
        }
    }

    private static ProblemException tooLarge(String message) {
        return new ProblemException(new Problem(ProblemType.PAYLOAD_TOO_LARGE, message, null,
                Map.of("code", RejectionCode.PKG_TOO_LARGE.name())));
    }

    private static byte[] readBounded(InputStream in, int max) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(65536);
        byte[] buf = new byte[65536];
        int n;
        while ((n = in.read(buf)) > 0) {
            out.write(buf, 0, n);
            if (out.size() > max) {
                throw tooLarge("batch exceeds the limit of " + max + " bytes");
            }
        }
        return out.toByteArray();
    }
}
