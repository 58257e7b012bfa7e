package cn.cityops.core.exchange;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import cn.cityops.core.audit.AuditLog;
import cn.cityops.core.config.NodeConfig;
import cn.cityops.core.problem.ProblemException;
import cn.cityops.core.problem.ProblemType;
import cn.cityops.core.rest.Paging;
import cn.cityops.core.security.CurrentUser;
import cn.cityops.model.node.NodeId;
import cn.cityops.model.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.transaction.Transactional;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/**
 * Exchange monitoring and operations (数据交换监控): peers, outgoing and incoming packages with their history, resend
 * and purge of dead letters, pausing and resuming sending, rejections, the message-log check, the node directory and its maintenance (national
 * node), and connectivity pings. For 系统管理员; leaders may look.
 */
@Path("exchange")
@Produces(MediaType.APPLICATION_JSON)
public class ExchangeResource {

    private static final String[] STATUSES = {"READY", "SENDING", "WAITING_RECEIPT", "ACKNOWLEDGED", "RETRYING",
        "FAILED"};

    @Inject
    ExchangeMonitor monitor;

    @Inject
    Outbox outbox;

    @Inject
    Delivery delivery;

    @Inject
    MessageLog log;

    @Inject
    NodeDirectory directory;

    @Inject
    DirectoryService directoryService;

    @Inject
    ExchangeKeys keys;

    @Inject
    NodeConfig node;

    @Inject
    CurrentUser user;

    @Inject
    AuditLog audit;

    /**
     * Summary: enrolment, directory version, whether sending is paused and how often this instance has polled its
     * outbox (growing while it runs, paused or not), totals, and the package types and schema versions this node reads
     * (what the national operators enter with its registration when it runs an older release than the national node).
     */
    public record Status(String nodeId, boolean enrolled, String certificate, long directoryVersion,
            boolean deliveryPaused, long deliveryPolls, Map<String, Long> totals,
            List<DirectoryService.TypeVersions> schemaVersions) {
    }

    @GET
    @Path("status")
    @RolesAllowed({Role.Ids.SYSTEM_ADMIN, Role.Ids.LEADER})
    public Status status() {
        String cert = keys.enrolled() ? keys.credentials().identity() + " " + keys.credentials().algorithm()
                + " serial " + keys.credentials().certificate().getSerialNumber().toString(16) + " valid until "
                + keys.credentials().certificate().getNotAfter().toInstant() : null;
        return new Status(node.nodeIdText(), keys.enrolled(), cert, directory.version(), delivery.paused(),
                delivery.polls(), monitor.totals(), DirectoryService.ownVersions());
    }

    /**
     * Pauses sending on this instance (e.g. while the parent node is being upgraded): packages are still queued and
     * wait as READY; nothing is claimed until {@code resume}. Not persisted — a restart resumes.
     */
    @POST
    @Path("outbox/pause")
    @RolesAllowed(Role.Ids.SYSTEM_ADMIN)
    @Transactional
    public Status pause() {
        return paused(true);
    }

    @POST
    @Path("outbox/resume")
    @RolesAllowed(Role.Ids.SYSTEM_ADMIN)
    @Transactional
    public Status resume() {
        return paused(false);
    }

    private Status paused(boolean pause) {
        if (delivery.pause(pause)) {
            audit.record(user.username(), pause ? "exchange.pause" : "exchange.resume", node.nodeIdText(),
                    pause ? "sending paused" : "sending resumed", user.remoteAddress());
        }
        return status();
    }

    @GET
    @Path("peers")
    @RolesAllowed({Role.Ids.SYSTEM_ADMIN, Role.Ids.LEADER})
    public List<ExchangeMonitor.PeerStatus> peers() {
        return monitor.peers();
    }

    @GET
    @Path("outbox")
    @RolesAllowed({Role.Ids.SYSTEM_ADMIN, Role.Ids.LEADER})
    public Paging.Page<ExchangeMonitor.OutgoingView> outgoing(@QueryParam("status") String status,
            @QueryParam("peer") String peer, @BeanParam Paging paging) {
        String s = checkStatus(status);
        String p = peer == null ? null : NodeId.of(peer).value();
        return paging.page(monitor.outgoing(s, p, paging.offset(), paging.limit()), monitor.countOutgoing(s, p));
    }

    @GET
    @Path("outbox/{id}")
    @RolesAllowed({Role.Ids.SYSTEM_ADMIN, Role.Ids.LEADER})
    public ExchangeMonitor.OutgoingDetail outgoing(@PathParam("id") String id) {
        UUID uuid = uuid(id);
        return monitor.outgoing(uuid).orElseThrow(() -> ProblemException.notFound("outgoing package", id));
    }

    @POST
    @Path("outbox/{id}/resend")
    @RolesAllowed(Role.Ids.SYSTEM_ADMIN)
    @Transactional
    public ExchangeMonitor.OutgoingDetail resend(@PathParam("id") String id) {
        UUID uuid = uuid(id);
        ExchangeMonitor.OutgoingDetail d = outgoing(id);
        if (!outbox.resend(uuid, user.username())) {
            throw ProblemException.conflict("only FAILED packages can be resent; this one is " + d.pkg().status(),
                    Map.of("status", d.pkg().status()));
        }
        audit.record(user.username(), "exchange.resend", uuid.toString(), d.pkg().type() + " to "
                + d.pkg().receiver(), user.remoteAddress());
        return outgoing(id);
    }

    @DELETE
    @Path("outbox/{id}")
    @RolesAllowed(Role.Ids.SYSTEM_ADMIN)
    @Transactional
    public void purge(@PathParam("id") String id) {
        UUID uuid = uuid(id);
        ExchangeMonitor.OutgoingDetail d = outgoing(id);
        if (!outbox.purge(uuid)) {
            throw ProblemException.conflict("only FAILED packages can be purged; this one is " + d.pkg().status(),
                    Map.of("status", d.pkg().status()));
        }
        audit.record(user.username(), "exchange.purge", uuid.toString(), d.pkg().type() + " to "
                + d.pkg().receiver(), user.remoteAddress());
    }

    @GET
    @Path("inbox")
    @RolesAllowed({Role.Ids.SYSTEM_ADMIN, Role.Ids.LEADER})
    public List<ExchangeMonitor.IncomingView> incoming(@QueryParam("status") String status,
            @QueryParam("sender") String sender, @BeanParam Paging paging) {
        if (status != null && !List.of("APPLIED", "STORED", "WAITING", "FORWARDED").contains(status)) {
            throw ProblemException.invalid("status", status, "must be one of APPLIED, STORED, WAITING, FORWARDED");
        }
        return monitor.incoming(status, sender == null ? null : NodeId.of(sender).value(), paging.offset(),
                paging.limit());
    }

    @GET
    @Path("rejections")
    @RolesAllowed({Role.Ids.SYSTEM_ADMIN, Role.Ids.LEADER})
    public List<ExchangeMonitor.RejectionView> rejections(@BeanParam Paging paging) {
        return monitor.rejections(paging.offset(), paging.limit());
    }

    @GET
    @Path("log/verification")
    @RolesAllowed({Role.Ids.SYSTEM_ADMIN, Role.Ids.AUDIT_ADMIN})
    public MessageLog.Verification verifyLog() {
        return log.verify();
    }

    @GET
    @Path("directory")
    @RolesAllowed({Role.Ids.SYSTEM_ADMIN, Role.Ids.LEADER})
    public DirectoryService.DirectoryView directory() {
        return directoryService.view();
    }

    @POST
    @Path("directory/nodes")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.Ids.SYSTEM_ADMIN)
    public DirectoryService.DirectoryView register(DirectoryService.Registration registration) {
        return directoryService.register(registration, user.username(), user.remoteAddress());
    }

    /** A CRL of the federation root, PEM. */
    public record CrlUpload(String crlPem) {
    }

    @POST
    @Path("directory/crl")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.Ids.SYSTEM_ADMIN)
    public DirectoryService.DirectoryView publishCrl(CrlUpload upload) {
        return directoryService.publishCrl(upload == null ? null : upload.crlPem(), user.username(),
                user.remoteAddress());
    }

    /**
     * Request to send connectivity checks: {@code count} pings (default 1, at most 10,000 — load tests, drills). With
     * {@code caseRecords} (1–5,000) it queues {@code count} {@code case.batch} packages of that many synthetic case
     * records each instead (throughput tests of large packages).
     */
    public record PingRequest(String receiver, String text, Integer count, Integer caseRecords) {
    }

    /** What was queued: the first package id (follow it in {@code /exchange/outbox/{id}}) and how many. */
    public record PingQueued(String id, String receiver, int count) {
    }

    /** Queues {@code ping} packages for any node, in one transaction. */
    @POST
    @Path("ping")
    @Consumes(MediaType.APPLICATION_JSON)
    @RolesAllowed(Role.Ids.SYSTEM_ADMIN)
    @Transactional
    public PingQueued ping(PingRequest request) {
        if (request == null || request.receiver() == null) {
            throw ProblemException.invalid("receiver", null, "receiver node id is required");
        }
        NodeId to = NodeId.of(request.receiver());
        int count = request.count() == null ? 1 : request.count();
        if (count < 1 || count > 10_000) {
            throw ProblemException.invalid("count", String.valueOf(count), "must be between 1 and 10000");
        }
        if (!keys.enrolled()) {
            throw new ProblemException(ProblemType.CONFLICT, "this node has no federation certificate yet");
        }
        String text = request.text() == null ? "ping from " + node.nodeIdText() : request.text();
        Integer records = request.caseRecords();
        if (records != null && (records < 1 || records > 5000)) {
            throw ProblemException.invalid("caseRecords", String.valueOf(records), "must be between 1 and 5000");
        }
        UUID first = null;
        for (int i = 0; i < count; i++) {
            UUID id = records == null
                    ? outbox.enqueue("ping", to, "ping", Json.createObjectBuilder().add("text", text).build(), false)
                    : outbox.enqueue("case.batch", to, "case-batch-test", syntheticCases(i, records), false);
            first = first == null ? id : first;
        }
        return new PingQueued(first.toString(), to.value(), count);
    }

    private static final String[] CASE_STATUS = {"REPORTED", "FILED", "DISPATCHED", "HANDLING", "CHECKING", "CLOSED",
        "CLOSED", "CLOSED"};
    private static final String[] CASE_SOURCE = {"SUPERVISOR", "PUBLIC", "HOTLINE_12319", "SENSOR", "DEPARTMENT"};

    /** A {@code case.batch} payload of {@code n} plausible synthetic case records (load tests only). */
    private jakarta.json.JsonObject syntheticCases(int batch, int n) {
        java.util.concurrent.ThreadLocalRandom r = java.util.concurrent.ThreadLocalRandom.current();
        String division = node.nodeIdText();
        String prefix = division.substring(0, 4);
        java.time.Instant now = java.time.Instant.now().truncatedTo(java.time.temporal.ChronoUnit.MILLIS);
        String batchId = "LOAD-" + division + "-" + now.toEpochMilli() + "-" + batch;
        jakarta.json.JsonArrayBuilder list = Json.createArrayBuilder();
        for (int i = 0; i < n; i++) {
            String status = CASE_STATUS[r.nextInt(CASE_STATUS.length)];
            java.time.Instant reported = now.minusSeconds(r.nextInt(30 * 86_400));
            String county = prefix + String.format("%02d", 1 + r.nextInt(12));
            jakarta.json.JsonObjectBuilder c = Json.createObjectBuilder()
                    .add("caseId", batchId + "-" + i)
                    .add("matterCode", county + String.format("%05d", r.nextInt(100_000)))
                    .add("divisionCode", county + String.format("%03d", 1 + r.nextInt(20)))
                    .add("gridCode", county + String.format("%09d", r.nextInt(1_000_000_000)))
                    .add("status", status)
                    .add("source", CASE_SOURCE[r.nextInt(CASE_SOURCE.length)])
                    .add("reportedAt", cn.cityops.exchange.pkg.Timestamps.format(reported));
            if ("CLOSED".equals(status)) {
                c.add("closedAt", cn.cityops.exchange.pkg.Timestamps.format(reported.plusSeconds(3600
                        + r.nextInt(86_400))));
            } else {
                c.addNull("closedAt");
            }
            list.add(c);
        }
        return Json.createObjectBuilder().add("batchId", batchId).add("divisionCode", division)
                .add("generatedAt", cn.cityops.exchange.pkg.Timestamps.format(now)).add("records", list).build();
    }

    /** The stored wire document of a received package, byte for byte — for independent signature checks. */
    @GET
    @Path("inbox/{id}/wire")
    @Produces(Delivery.MEDIA_TYPE)
    @RolesAllowed({Role.Ids.SYSTEM_ADMIN, Role.Ids.AUDIT_ADMIN})
    public byte[] wire(@PathParam("id") String id) {
        return monitor.wire(uuid(id)).orElseThrow(() -> ProblemException.notFound("received package", id));
    }

    private static String checkStatus(String status) {
        if (status == null) {
            return null;
        }
        for (String s : STATUSES) {
            if (s.equals(status)) {
                return s;
            }
        }
        throw ProblemException.invalid("status", status, "must be one of " + String.join(", ", STATUSES));
    }

    private static UUID uuid(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("id", id, "must be a package id (UUID)");
        }
    }
}
