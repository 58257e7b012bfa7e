/** Users, roles, password hashing, login throttling, JWT issuing and the deny-by-default role guard. */
package cn.cityops.core.security;
