/** The 12319 public channel at the national node: intake, forwarding to the city, results, satisfaction, status. */
package cn.cityops.core.complaint;
