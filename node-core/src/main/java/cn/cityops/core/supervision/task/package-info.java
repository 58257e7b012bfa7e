/** Tasks (指挥派遣) down the hierarchy, their feedback (工作反馈) and roll-up, and urgings (督办) with replies. */
package cn.cityops.core.supervision.task;
