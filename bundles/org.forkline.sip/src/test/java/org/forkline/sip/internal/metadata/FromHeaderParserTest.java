package org.forkline.sip.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;

import org.junit.jupiter.api.Test;

class FromHeaderParserTest {

    /** The near-end INVITE of PROTOCOL.md 1.2 (CUCM 11.5, trace S1), on one line as on the wire. */
    static final String CUCM_NEAR_END = "From: \"SJ User 2\" <sip:1001@10.48.38.5;x-nearend;x-refci=19301625;"
            + "x-nearendclusterid=StandAloneCluster;x-nearenddevice=SEP6C416A369525;x-nearendaddr=1001;"
            + "x-farendrefci=19301624;x-farendclusterid=StandAloneCluster;x-farenddevice=SEP38ED18552A12;"
            + "x-farendaddr=1000>;tag=104958~f4d7a1c2-3b8e-4c55-9d1a-2f6e8b7c0a11-19301629";

    @Test
    void readsDisplayNameUserTagAndEveryXParameterOfTheCucmNearEndInvite() throws Exception {
        FromHeader from = FromHeaderParser.parse(CUCM_NEAR_END);

        assertThat(from.displayName()).isEqualTo("SJ User 2");
        assertThat(from.user()).isEqualTo("1001");
        assertThat(from.tag()).isEqualTo("104958~f4d7a1c2-3b8e-4c55-9d1a-2f6e8b7c0a11-19301629");
        assertThat(from.uriParameters()).containsExactly(
                entry("x-nearend", ""),
                entry("x-refci", "19301625"),
                entry("x-nearendclusterid", "StandAloneCluster"),
                entry("x-nearenddevice", "SEP6C416A369525"),
                entry("x-nearendaddr", "1001"),
                entry("x-farendrefci", "19301624"),
                entry("x-farendclusterid", "StandAloneCluster"),
                entry("x-farenddevice", "SEP38ED18552A12"),
                entry("x-farendaddr", "1000"));
    }

    @Test
    void readsTheHeaderFoldedOverLinesAsPrintedInTheTrace() throws Exception {
        String folded = "From: \"SJ User 2\" <sip:1001@10.48.38.5;x-nearend;x-refci=19301625;x-nearendclusterid="
                + "StandAloneCluster;\r\n      x-nearenddevice=SEP6C416A369525;x-nearendaddr=1001;x-farendrefci="
                + "19301624;\r\n      x-farendclusterid=StandAloneCluster;x-farenddevice=SEP38ED18552A12;"
                + "x-farendaddr=1000>;tag=104958~a-19301629";

        assertThat(FromHeaderParser.parse(folded).uriParameters())
                .isEqualTo(FromHeaderParser.parse(CUCM_NEAR_END).uriParameters());
    }

    @Test
    void namesAreCaseInsensitiveAndOrderDoesNotMatterWhileValuesKeepTheirCase() throws Exception {
        String shuffled = "f: \"SJ User 2\" <SIP:1001@10.48.38.5;X-FarEndAddr=1000;X-REFCI=19301625;"
                + "x-NearEndDevice=sep001795bdd16b;X-NEAREND;x-nearendclusterid=StandAloneCluster>;TAG=abc";

        FromHeader from = FromHeaderParser.parse(shuffled);

        assertThat(from.uriParameters()).containsEntry("x-refci", "19301625")
                .containsEntry("x-farendaddr", "1000")
                .containsEntry("x-nearend", "")
                .containsEntry("x-nearenddevice", "sep001795bdd16b");
        assertThat(from.tag()).isEqualTo("abc");
        assertThat(from.user()).isEqualTo("1001");
    }

    @Test
    void readsTheUpperCaseDeviceNameOfTheByeUnchanged() throws Exception {
        String bye = "From: <sip:1001@10.48.38.5;x-farend;x-refci=19301625;x-nearenddevice=SEP001795BDD16B>"
                + ";tag=104958~b";

        assertThat(FromHeaderParser.parse(bye).uriParameters())
                .containsEntry("x-nearenddevice", "SEP001795BDD16B")
                .containsEntry("x-farend", "");
    }

    @Test
    void percentEscapesAndQuotedValuesAreDecoded() throws Exception {
        FromHeader from = FromHeaderParser.parse("\"M\\\"ller, Jo\" <sip:%2B41445551234@gw;"
                + "x-farendaddr=%2B1234567890;x-note=\"a b\">;tag=1");

        assertThat(from.displayName()).isEqualTo("M\"ller, Jo");
        assertThat(from.user()).isEqualTo("+41445551234");
        assertThat(from.uriParameters()).containsEntry("x-farendaddr", "+1234567890")
                .containsEntry("x-note", "a b");
    }

    @Test
    void aPlainFromWithoutParametersHasOnlyUserAndTag() throws Exception {
        FromHeader from = FromHeaderParser.parse("From: <sip:2001@10.0.0.1:5060>;tag=plain");

        assertThat(from.displayName()).isNull();
        assertThat(from.user()).isEqualTo("2001");
        assertThat(from.uriParameters()).isEmpty();
        assertThat(from.tag()).isEqualTo("plain");
    }

    @Test
    void anAddrSpecWithoutAngleBracketsCarriesItsXParametersAsHeaderParameters() throws Exception {
        FromHeader from = FromHeaderParser.parse("sip:3003@10.0.0.1;x-refci=5;tag=t1");

        assertThat(from.user()).isEqualTo("3003");
        assertThat(from.tag()).isEqualTo("t1");
        assertThat(from.uriParameters()).containsExactly(entry("x-refci", "5"));
    }

    @Test
    void telUrisGiveTheirNumberAsUser() throws Exception {
        assertThat(FromHeaderParser.parse("<tel:+41445551234;phone-context=example.com>;tag=x").user())
                .isEqualTo("+41445551234");
    }

    @Test
    void garbageIsRefusedWithAReason() {
        assertThatThrownBy(() -> FromHeaderParser.parse("From: garbage")).isInstanceOf(MetadataException.class)
                .hasMessageContaining("no URI scheme");
        assertThatThrownBy(() -> FromHeaderParser.parse("\"x\" <sip:1@h;x-a=1")).isInstanceOf(MetadataException.class)
                .hasMessageContaining("'<' without '>'");
        assertThatThrownBy(() -> FromHeaderParser.parse("<sip:1@h;x-a=%zz>")).isInstanceOf(MetadataException.class)
                .hasMessageContaining("%-escape");
        assertThatThrownBy(() -> FromHeaderParser.parse("  ")).isInstanceOf(MetadataException.class)
                .hasMessageContaining("empty");
    }
}
