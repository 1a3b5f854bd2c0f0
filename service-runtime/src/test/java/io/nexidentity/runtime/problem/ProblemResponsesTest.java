package io.nexidentity.runtime.problem;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProblemResponsesTest {

    @Test
    void postWhenFieldsInvalidThenProblemListsEachSnakeCaseField() {
        given().contentType(ContentType.JSON)
                .body("{\"display_name\":\" \",\"size\":1,\"callback_uris\":[\"https://ok\",\"ftp://bad\"]}")
                .post("/probe/widgets")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://docs.nexidentity.io/problems/validation-failed"))
                .body("status", equalTo(400))
                .body("title", equalTo("Invalid request"))
                .body("errors.field", contains("callback_uris[1]", "display_name"));
    }

    @Test
    void postWhenBodyIsNotJsonThenMalformedJsonProblem() {
        given().contentType(ContentType.JSON)
                .body("{\"display_name\":")
                .post("/probe/widgets")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("https://docs.nexidentity.io/problems/malformed-json"));
    }

    @Test
    void postWhenFieldHasWrongTypeThenProblemNamesTheField() {
        given().contentType(ContentType.JSON)
                .body("{\"display_name\":\"a\",\"size\":\"big\",\"callback_uris\":[\"https://ok\"]}")
                .post("/probe/widgets")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("size"));
    }

    @Test
    void getWhenQueryParameterOutOfRangeThenProblemNamesTheParameter() {
        given().get("/probe/widgets?limit=1000")
                .then()
                .statusCode(400)
                .contentType(Problem.MEDIA_TYPE)
                .body("errors[0].field", equalTo("limit"));
    }

    @Test
    void getWhenQueryParameterNotANumberThenClientErrorProblem() {
        given().get("/probe/widgets?limit=many")
                .then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("status", equalTo(404));
    }

    @Test
    void getWhenResourceMissingThenNotFoundProblem() {
        given().get("/probe/missing")
                .then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", equalTo("Widget w-1 does not exist"));
    }

    @Test
    void getWhenRouteUnknownThenNotFoundProblem() {
        given().get("/no/such/route")
                .then()
                .statusCode(404)
                .contentType(Problem.MEDIA_TYPE)
                .body("type", equalTo("about:blank"));
    }

    @Test
    void getWhenUnexpectedFailureThenOpaque500WithReference() {
        given().get("/probe/broken")
                .then()
                .statusCode(500)
                .contentType(Problem.MEDIA_TYPE)
                .body("detail", startsWith("The request failed unexpectedly; quote reference"))
                .body(not(containsString("secret internal detail")))
                .body(not(containsString("IllegalStateException")));
    }

    @Test
    void postWhenMediaTypeUnsupportedThen415Problem() {
        given().contentType(ContentType.XML)
                .body("<widget/>")
                .post("/probe/widgets")
                .then()
                .statusCode(415)
                .contentType(Problem.MEDIA_TYPE);
    }
}
