package cn.cityops.model.division;

/** Level of a GB/T 2260 division code, derived from its trailing zero digits. */
public enum DivisionLevel {
    /** {@code xx0000}: province, autonomous region, 直辖市 or SAR (省级). */
    PROVINCE,
    /** {@code xxxx00}: prefecture-level city or prefecture (地级); also grouping codes such as 110100 or 419000. */
    PREFECTURE,
    /** Any other valid code: county-level division (县级), including districts of 直辖市 and 省直辖县. */
    COUNTY
}
