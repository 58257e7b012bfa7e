/** Multi-node tests: the three nodes as separate processes, and surviving a database outage. */
package cn.cityops.federation;
