package cn.cityops.municipal.space;

import cn.cityops.municipal.org.DepartmentRef;

/** Where a case goes and why: {@code basis} is {@code "RULE <id>"} or {@code "GRID"} (the grid's responsible one). */
public record RoutedDepartment(DepartmentRef department, String basis) {
}
