package cn.cityops.municipal.org;

/** A 专业部门 as other features refer to it: its id and name. */
public record DepartmentRef(String id, String name) {
}
