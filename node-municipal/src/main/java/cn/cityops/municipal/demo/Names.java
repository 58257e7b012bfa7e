package cn.cityops.municipal.demo;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/** Plausible, unique Chinese names for streets, communities and people, drawn in a seeded order. */
final class Names {

    private static final String[] STREET_STEMS = {"北城", "南城", "北旺庄", "神头", "新城", "鄯阳", "马邑", "恢河",
        "七里河", "张辽", "民福", "文远", "广场", "富民", "府东", "府西", "桑干", "金沙", "井坪", "凤凰城", "开发区",
        "西关", "东关", "南关", "北关", "朔州", "平朔", "利民", "振华", "迎宾", "古城", "长宁", "向阳", "建设", "翠微",
        "沙塄河", "滋润", "白堂", "阳光", "和平"};
    private static final String[] STREET_VARIANTS = {"", "东", "西", "南", "北", "新"};
    private static final String[] COMMUNITY_STEMS = {"文远", "民福", "开发", "鄯阳", "马邑", "恢河", "张辽", "新华",
        "建设", "振华", "桑干", "南关", "北关", "东关", "西关", "府前", "学院", "富民", "迎宾", "和平", "团结", "友谊",
        "幸福", "光明", "胜利", "朝阳", "向阳", "红旗", "育才", "铁路", "电厂", "煤矿", "金沙", "翠微", "锦绣",
        "长青", "康宁", "安居", "祥和", "永安", "兴隆", "惠民", "丰泽", "润泽", "怡景", "紫荆", "银杏", "丁香",
        "海棠", "牡丹", "梧桐", "书香", "文昌", "古城", "站前", "市场", "医院", "水厂", "桥南", "桥北"};
    private static final String[] COMMUNITY_SUFFIXES = {"路社区", "街社区", "里社区", "苑社区", "园社区", "新村社区",
        "花园社区", "巷社区", "小区社区"};
    private static final String[] COMMUNITY_VARIANTS = {"", "东", "西", "南", "北", "新", "前", "后"};
    private static final String SURNAMES = "王李张刘陈杨赵黄周吴徐孙胡朱高林何郭马罗梁宋郑谢韩唐冯于董程曹袁邓许傅沈曾彭"
            + "吕苏卢蒋蔡贾丁魏薛叶阎余潘杜戴夏钟汪田任姜范方石姚谭廖邹熊金陆郝孔白崔康毛邱秦江史顾侯邵孟龙万段雷钱汤尹"
            + "黎易常武乔贺赖龚文";
    private static final String GIVEN = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍建国红志文斌宁浩宇鹏飞"
            + "晨亮凯峰丹婷雪琳晶慧颖佳欣怡瑞博晓光辉春梅海燕立新永福德昌";

    private final Random rnd;
    private final List<String> streets = new ArrayList<>();
    private final List<String> communities = new ArrayList<>();
    private int nextStreet;
    private int nextCommunity;

    Names(Random rnd) {
        this.rnd = rnd;
        List<String> plain = new ArrayList<>();
        for (String s : STREET_STEMS) {
            plain.add(s + "街道");
        }
        Collections.shuffle(plain, rnd);
        streets.addAll(plain); // plain names first, variants only for very large cities
        List<String> more = new ArrayList<>();
        for (String v : STREET_VARIANTS) {
            for (String s : STREET_STEMS) {
                if (!v.isEmpty()) {
                    more.add(s + v + "街道");
                }
            }
        }
        Collections.shuffle(more, rnd);
        streets.addAll(more);
        List<String> all = new ArrayList<>();
        for (String s : COMMUNITY_STEMS) {
            for (String x : COMMUNITY_SUFFIXES) {
                all.add(s + x);
            }
        }
        Collections.shuffle(all, rnd);
        communities.addAll(all);
        List<String> variants = new ArrayList<>();
        for (String v : COMMUNITY_VARIANTS) {
            for (String s : COMMUNITY_STEMS) {
                for (String x : COMMUNITY_SUFFIXES) {
                    if (!v.isEmpty()) {
                        variants.add(s + v + x);
                    }
                }
            }
        }
        Collections.shuffle(variants, rnd);
        communities.addAll(variants);
    }

    String street() {
        if (nextStreet >= streets.size()) {
            return "第" + (nextStreet++ + 1) + "街道";
        }
        return streets.get(nextStreet++);
    }

    String community() {
        if (nextCommunity >= communities.size()) {
            return "第" + (nextCommunity++ + 1) + "社区";
        }
        return communities.get(nextCommunity++);
    }

    String person() {
        String given = String.valueOf(GIVEN.charAt(rnd.nextInt(GIVEN.length())));
        if (rnd.nextInt(3) > 0) {
            given += GIVEN.charAt(rnd.nextInt(GIVEN.length()));
        }
        return SURNAMES.charAt(rnd.nextInt(SURNAMES.length())) + given;
    }
}
