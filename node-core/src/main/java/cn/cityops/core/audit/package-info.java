/** Append-only, hash-chained audit log of state changes. */
package cn.cityops.core.audit;
