/** 指挥协同: the 7-stage closed case loop — a declarative workflow, the case aggregate, stage clocks and facts. */
package cn.cityops.municipal.caseflow;
