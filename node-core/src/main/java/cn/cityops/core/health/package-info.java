/** MicroProfile Health checks for readiness and liveness. */
package cn.cityops.core.health;
