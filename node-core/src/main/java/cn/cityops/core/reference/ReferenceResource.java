package cn.cityops.core.reference;

import java.util.List;

import cn.cityops.core.problem.ProblemException;
import cn.cityops.core.rest.Paging;
import cn.cityops.model.classification.ClassCode;
import cn.cityops.model.classification.ClassificationKey;
import cn.cityops.model.classification.ClassificationKind;
import cn.cityops.model.classification.MatterCode;
import cn.cityops.model.division.DivisionCode;
import cn.cityops.model.division.DivisionLevel;
import cn.cityops.model.security.Role;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Reference data: administrative divisions and the GB/T 47678.5-2026 classification. */
@Path("reference")
@Produces(MediaType.APPLICATION_JSON)
@RolesAllowed(Role.Ids.AUTHENTICATED)
public class ReferenceResource {

    @Inject
    ReferenceRepository repo;

    public record DivisionView(String code, String name, String level, String parentCode, String source) {
        static DivisionView of(Division d) {
            return new DivisionView(d.code(), d.name(), d.level(), d.parentCode(), d.source());
        }
    }

    public record MajorView(String kind, String code, String name, String standard) {
        static MajorView of(MajorCategory m) {
            return new MajorView(m.kind(), m.code(), m.name(), m.standard());
        }
    }

    public record ClassView(String kind, String kindLabel, String code, String name, MajorView major,
                            String minorCode, String notes, String source) {
    }

    public record MatterCodeView(String matterCode, DivisionView division, ClassView matter) {
    }

    @GET
    @Path("divisions")
    public Paging.Page<DivisionView> divisions(@QueryParam("parent") String parent, @QueryParam("level") String level,
                                               @BeanParam Paging paging) {
        String parentCode = parent == null ? null : DivisionCode.of(parent).toString();
        String levelName = level == null ? null : parseLevel(level).name();
        return paging.page(repo.divisions(parentCode, levelName, paging.offset(), paging.limit()).stream()
                .map(DivisionView::of).toList(), repo.countDivisions(parentCode, levelName));
    }

    @GET
    @Path("divisions/{code}")
    public DivisionView division(@PathParam("code") String code) {
        DivisionCode dc = DivisionCode.of(code);
        return repo.division(dc).map(DivisionView::of).orElseThrow(() -> ProblemException.notFound("division", dc));
    }

    @GET
    @Path("majors")
    public List<MajorView> majors(@QueryParam("kind") String kind) {
        return repo.majors(kind == null ? null : parseKind(kind).name()).stream().map(MajorView::of).toList();
    }

    @GET
    @Path("classes")
    public Paging.Page<ClassView> classes(@QueryParam("kind") String kind, @QueryParam("major") String major,
                                          @BeanParam Paging paging) {
        String kindName = kind == null ? null : parseKind(kind).name();
        if (major != null && !major.matches("\\d{2}")) {
            throw ProblemException.invalid("major", major, "major category code must be 2 digits");
        }
        return paging.page(repo.classes(kindName, major, paging.offset(), paging.limit()).stream()
                .map(this::view).toList(), repo.countClasses(kindName, major));
    }

    @GET
    @Path("classes/{kind}/{code}")
    public ClassView classEntry(@PathParam("kind") String kind, @PathParam("code") String code) {
        ClassificationKey key = new ClassificationKey(parseKind(kind), ClassCode.of(code));
        return repo.classEntry(key).map(this::view)
                .orElseThrow(() -> ProblemException.notFound(key.kind().name().toLowerCase() + " class", code));
    }

    /** Resolves an 11-digit matter code (division + class) to its parts. */
    @GET
    @Path("matter-codes/{code}")
    public MatterCodeView matterCode(@PathParam("code") String code) {
        MatterCode mc = MatterCode.of(code);
        DivisionView division = repo.division(mc.division()).map(DivisionView::of)
                .orElseThrow(() -> ProblemException.notFound("division", mc.division()));
        ClassView matter = repo.classEntry(mc.key()).map(this::view)
                .orElseThrow(() -> ProblemException.notFound("matter class", mc.classCode()));
        return new MatterCodeView(mc.toString(), division, matter);
    }

    public record LegacyMappingView(String legacyCode, String legacyName, String code, String name, String status,
                                    String source) {
    }

    @GET
    @Path("legacy-codes/{code}")
    public LegacyMappingView legacy(@PathParam("code") String code) {
        Object[] r = repo.legacyMapping(code).orElseThrow(() -> ProblemException.notFound("legacy code", code));
        return new LegacyMappingView((String) r[0], (String) r[1], String.valueOf(r[2]).trim(), (String) r[3],
                (String) r[4], (String) r[5]);
    }

    private ClassView view(ClassEntry c) {
        MajorView major = repo.major(c.kind(), c.majorCode()).map(MajorView::of).orElse(null);
        ClassificationKind kind = ClassificationKind.valueOf(c.kind());
        return new ClassView(c.kind(), kind.label(), c.code(), c.name(), major, c.minorCode(), c.notes(), c.source());
    }

    private static ClassificationKind parseKind(String kind) {
        try {
            return ClassificationKind.valueOf(kind.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("kind", kind, "must be COMPONENT or MATTER");
        }
    }

    private static DivisionLevel parseLevel(String level) {
        try {
            return DivisionLevel.valueOf(level.trim().toUpperCase());
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("level", level, "must be PROVINCE, PREFECTURE or COUNTY");
        }
    }
}
