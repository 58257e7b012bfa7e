package cn.cityops.municipal.attachment;

import java.io.InputStream;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

import cn.cityops.core.problem.ProblemException;
import cn.cityops.core.security.CurrentUser;
import cn.cityops.model.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.EntityTag;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;

/**
 * Photos and attachments (案件附件): upload the raw image bytes with their real Content-Type, read them back, read
 * their metadata. Linking to a case happens in the case's own requests ({@link Attachments#link}).
 */
@Path("attachments")
@Produces(MediaType.APPLICATION_JSON)
public class AttachmentResource {

    @Inject
    Attachments attachments;

    @Inject
    CurrentUser user;

    /** What clients see of an attachment. */
    public record AttachmentView(String id, String fileName, String mediaType, long sizeBytes, String sha256,
            Instant uploadedAt, String uploadedBy, String ownerKind, String ownerId) {

        static AttachmentView of(AttachmentRef a) {
            return new AttachmentView(a.id().toString(), a.fileName(), a.mediaType(), a.sizeBytes(), a.sha256(),
                    a.uploadedAt(), a.uploadedBy(), a.ownerKind(), a.ownerId());
        }
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @RolesAllowed({Role.Ids.INSPECTOR, Role.Ids.INTAKE_OPERATOR, Role.Ids.SHIFT_LEAD, Role.Ids.DISPATCHER,
        Role.Ids.DEPARTMENT, Role.Ids.LEADER, Role.Ids.SYSTEM_ADMIN})
    public Response upload(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @HeaderParam(HttpHeaders.CONTENT_LENGTH) String contentLength, @QueryParam("name") String name,
            @Context UriInfo uri) {
        if (attachments.refuseUnread(contentLength)) {
            // far too large: answer before reading the body, and close the connection instead of draining it
            return Response.fromResponse(attachments.tooLarge().problem().toResponse(uri.getRequestUri().getPath()))
                    .header("Connection", "close").build();
        }
        AttachmentRef a = attachments.store(name, contentType, body, user.username());
        return Response.created(uri.getAbsolutePathBuilder().path(a.id().toString()).build())
                .entity(AttachmentView.of(a)).build();
    }

    @GET
    @Path("{id}")
    @Produces(MediaType.WILDCARD)
    @RolesAllowed(Role.Ids.AUTHENTICATED)
    public Response content(@PathParam("id") String id, @Context Request request) {
        Attachments.Download d = attachments.read(uuid(id), user);
        EntityTag tag = new EntityTag(d.ref().sha256());
        CacheControl cache = new CacheControl();
        cache.setPrivate(true);
        cache.setNoTransform(true);
        Response.ResponseBuilder notModified = request.evaluatePreconditions(tag);
        if (notModified != null) {
            return notModified.cacheControl(cache).build();
        }
        return Response.ok(d.content(), d.ref().mediaType()).tag(tag).cacheControl(cache)
                .header("Content-Disposition", "inline; filename*=UTF-8''" + encode(d.ref().fileName()))
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    @GET
    @Path("{id}/meta")
    @RolesAllowed(Role.Ids.AUTHENTICATED)
    public AttachmentView meta(@PathParam("id") String id) {
        return AttachmentView.of(attachments.meta(uuid(id), user));
    }

    /** RFC 5987 value: UTF-8, percent-encoded (spaces as %20, not +). */
    static String encode(String fileName) {
        return URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("id", id, "must be an attachment id (UUID)");
        }
    }
}
