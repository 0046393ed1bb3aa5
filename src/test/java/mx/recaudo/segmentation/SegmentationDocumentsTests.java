package mx.recaudo.segmentation;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class SegmentationDocumentsTests {
    @Test
    void theShippedDefaultIsValidAndEndsWithACatchAll() {
        SegmentationRules rules = SegmentationDocuments.compile(SegmentationDocuments.defaultDocument(), 0);
        assertThat(rules.segments().getLast().catchAll()).isTrue();
    }

    @Test
    void aBadDocumentIsRefusedWithEveryProblemAndItsJsonPath() {
        String doc = """
                {"segments": [
                  {"key": "A b", "name": "", "tone": "ANGRY", "priority": 101, "when": {"dpd": {"min": 10, "max": 5}, "colour": "red"}},
                  {"key": "x", "name": "X", "tone": "FIRM", "priority": 5, "when": {"amountOwed": {"currency": "XXY", "min": -1}}},
                  {"key": "x", "name": "Y", "tone": "FIRM", "priority": 5, "when": {"reachableOn": ["FAX"]}}
                ]}""";
        InvalidDocumentException e = catchThrowableOfType(InvalidDocumentException.class,
                () -> SegmentationDocuments.compile(doc, 0));
        assertThat(e.problems()).extracting(DocumentProblem::path).contains(
                "$.segments[0].key", "$.segments[0].name", "$.segments[0].tone", "$.segments[0].priority",
                "$.segments[0].when.dpd.max", "$.segments[0].when.colour", "$.segments[1].when.amountOwed.currency",
                "$.segments[1].when.amountOwed.min", "$.segments[2].key", "$.segments[2].when.reachableOn[0]",
                "$.segments[2].when");
        assertThat(e.problems()).allSatisfy(p -> assertThat(p.messageEs()).isNotBlank());
    }

    @Test
    void textThatIsNotJsonIsOneProblemAtTheRoot() {
        assertThatThrownBy(() -> SegmentationDocuments.compile("{\"segments\": [", 0))
                .isInstanceOfSatisfying(InvalidDocumentException.class,
                        e -> assertThat(e.problems()).extracting(DocumentProblem::path).containsExactly("$"));
    }
}
