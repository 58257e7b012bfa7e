package cn.cityops.municipal.caseflow;

/** The stages of the closed loop (GB/T 30428.8); each has its own clock and produces one stage fact per pass. */
public enum Stage {
    ACCEPTANCE("受理"),
    VERIFICATION("核实"),
    FILING("立案"),
    DISPATCH("派遣"),
    HANDLING("处置"),
    CHECK("核查"),
    CLOSING("结案");

    private final String label;

    Stage(String label) {
        this.label = label;
    }

    public String label() {
        return label;
    }
}
