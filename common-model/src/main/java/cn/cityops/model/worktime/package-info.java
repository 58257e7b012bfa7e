/** Working calendars, office hours, time limits and working-time deadline arithmetic (工作时 / 工作日). */
package cn.cityops.model.worktime;
