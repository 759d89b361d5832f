package org.forkline.sip.internal.metadata;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.forkline.api.LegDirection;
import org.forkline.api.LegMetadata;
import org.forkline.api.Party;
import org.junit.jupiter.api.Test;

class LegMetadataReaderTest {

    private static LegMetadata read(String from) throws MetadataException {
        return LegMetadataReader.read(FromHeaderParser.parse(from), "35554700-d6514bef-3281-526300e@10.48.38.5");
    }

    @Test
    void mapsTheCucmNearEndLegOntoLegMetadata() throws Exception {
        LegMetadata metadata = read(FromHeaderParserTest.CUCM_NEAR_END);

        assertThat(metadata.direction()).isEqualTo(LegDirection.NEAR);
        assertThat(metadata.refci()).isEqualTo("19301625");
        assertThat(metadata.clusterId()).isEqualTo("StandAloneCluster");
        assertThat(metadata.near()).isEqualTo(new Party("1001", "SEP6C416A369525", "SJ User 2"));
        assertThat(metadata.far()).isEqualTo(new Party("1000", "SEP38ED18552A12", null));
        assertThat(metadata.farRefci()).isEqualTo("19301624");
        assertThat(metadata.farClusterId()).isEqualTo("StandAloneCluster");
        assertThat(metadata.sipCallId()).isEqualTo("35554700-d6514bef-3281-526300e@10.48.38.5");
        assertThat(metadata.parameters()).hasSize(9).containsEntry("x-nearend", "");
        assertThat(metadata.pairKey()).isEqualTo("standalonecluster/19301625");
    }

    @Test
    void theFarEndLegOfTheSameCallHasTheSamePairKey() throws Exception {
        LegMetadata near = read(FromHeaderParserTest.CUCM_NEAR_END);
        LegMetadata far = read(FromHeaderParserTest.CUCM_NEAR_END.replace("x-nearend;", "x-farend;")
                .replace("StandAloneCluster;x-nearenddevice", "STANDALONECLUSTER;x-nearenddevice"));

        assertThat(far.direction()).isEqualTo(LegDirection.FAR);
        assertThat(far.pairKey()).isEqualTo(near.pairKey());
    }

    @Test
    void guidsAndUnknownXParametersAreKept() throws Exception {
        LegMetadata metadata = read("<sip:1001@gw;x-farend;x-refci=7;x-farendguid=694646BC1D2311E7A8D2826ACB31D85A;"
                + "x-nearendguid=AB;x-sessionid=696dd5;other=ignored>;tag=1");

        assertThat(metadata.farGuid()).isEqualTo("694646BC1D2311E7A8D2826ACB31D85A");
        assertThat(metadata.nearGuid()).isEqualTo("AB");
        assertThat(metadata.parameters()).containsEntry("x-sessionid", "696dd5").doesNotContainKey("other");
    }

    @Test
    void aPlainInviteIsANearLegWithTheFromUserAsNumberAndNoPartner() throws Exception {
        LegMetadata metadata = read("\"Desk\" <sip:2001@10.0.0.1>;tag=p");

        assertThat(metadata.direction()).isEqualTo(LegDirection.NEAR);
        assertThat(metadata.refci()).isNull();
        assertThat(metadata.near()).isEqualTo(new Party("2001", null, "Desk"));
        assertThat(metadata.far()).isEqualTo(Party.UNKNOWN);
        assertThat(metadata.pairKey()).isEqualTo("call-id:35554700-d6514bef-3281-526300e@10.48.38.5");
    }

    @Test
    void xNearEndAddrWinsOverTheFromUser() throws Exception {
        assertThat(read("<sip:b00223908001@h;x-nearend;x-nearendaddr=1001>;tag=1").near().number())
                .isEqualTo("1001");
    }

    @Test
    void controlCharactersOverlongValuesAndBothFlagsAreRefused() {
        assertThatThrownBy(() -> read("<sip:1001@h;x-farenddevice=SEP%0A38>;tag=1"))
                .isInstanceOf(MetadataException.class).hasMessage("x-farenddevice contains a control character (code 10)");
        assertThatThrownBy(() -> read("<sip:1001@h;x-farendaddr=" + "9".repeat(257) + ">;tag=1"))
                .isInstanceOf(MetadataException.class).hasMessage("x-farendaddr is longer than 256 characters");
        assertThatThrownBy(() -> read("\"a\u0007b\" <sip:1001@h>;tag=1"))
                .isInstanceOf(MetadataException.class).hasMessageContaining("From display name contains a control");
        assertThatThrownBy(() -> read("<sip:1001@h;x-nearend;x-farend>;tag=1"))
                .isInstanceOf(MetadataException.class).hasMessageContaining("both x-nearend and x-farend");
    }

    @Test
    void aValueOfExactly256CharactersIsAccepted() throws Exception {
        assertThat(read("<sip:1001@h;x-farenddevice=" + "D".repeat(256) + ">;tag=1").far().device()).hasSize(256);
    }
}
