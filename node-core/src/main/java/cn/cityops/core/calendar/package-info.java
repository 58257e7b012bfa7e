/** The working calendar (holidays and make-up working days) and working-time limits. */
package cn.cityops.core.calendar;
