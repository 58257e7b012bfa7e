/** Reference data: GB/T 2260 divisions and the GB/T 47678.5-2026 classification. */
package cn.cityops.core.reference;
