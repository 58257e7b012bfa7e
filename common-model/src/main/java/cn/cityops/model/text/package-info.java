/** Text formats every module reads or writes (CSV per RFC 4180). */
package cn.cityops.model.text;
