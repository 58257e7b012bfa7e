/** The error contract against server-side failures no mapper expects (test-only classes added to the WAR). */
package cn.cityops.provincial.problem;
