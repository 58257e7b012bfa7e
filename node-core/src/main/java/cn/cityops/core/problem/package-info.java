/** The one error contract: RFC 9457 problem+json for every node. */
package cn.cityops.core.problem;
