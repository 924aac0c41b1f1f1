//! Expected texts are written by hand: what a careful person editing the file would produce.

use std::path::Path;

use super::*;

const T: &str = "89569B9E426F9C89F6BB112012CC54F92B1ADD9B";

macro_rules! fixture {
    ($name:literal) => {
        include_str!(concat!(env!("CARGO_MANIFEST_DIR"), "/fixtures/", $name))
    };
}

fn request(style: Option<Style>, source: Source, flat: bool) -> Request<'static> {
    Request {
        thumbprint: T,
        style,
        source,
        flat_when_empty: flat,
    }
}

fn path() -> &'static Path {
    Path::new("appsettings.json")
}

/// Patches, checks a second run changes nothing, returns the text and the change lines.
fn patched(input: &str, request: &Request) -> (String, Outcome) {
    let out =
        patch(input.as_bytes(), path(), request).unwrap_or_else(|e| panic!("{e}; {}", e.hint()));
    let again = patch(&out.text, path(), request).unwrap();
    assert_eq!(again.text, out.text, "second run changed the text");
    assert!(again.changes.is_empty(), "{:?}", again.changes);
    (String::from_utf8(out.text.clone()).unwrap(), out)
}

fn asymmetric(input: &str) -> String {
    patched(
        input,
        &request(Some(Style::Asymmetric), Source::Store, false),
    )
    .0
}

fn msidweb(input: &str) -> String {
    patched(input, &request(Some(Style::MsIdWeb), Source::Store, false)).0
}

#[test]
fn asymmetric_replaces_the_client_secret_in_the_surveys_layout() {
    let input = r#"{
  "AzureAd": {
    "Instance": "https://login.microsoftonline.com/",
    "ClientId": "abc",
    "ClientSecret": "s3cret" // from the portal
  },
  "Logging": { "LogLevel": { "Default": "Warning" } }
}
"#;
    let want = r#"{
  "AzureAd": {
    "Instance": "https://login.microsoftonline.com/",
    "ClientId": "abc",
    "Asymmetric": {
      "CertificateThumbprint": "89569B9E426F9C89F6BB112012CC54F92B1ADD9B",
      "StoreName": "My",
      "StoreLocation": "CurrentUser",
      "ValidationRequired": "false"
    }
  },
  "Logging": { "LogLevel": { "Default": "Warning" } }
}
"#;
    let (text, out) = patched(
        input,
        &request(Some(Style::Asymmetric), Source::Store, false),
    );
    assert_eq!(text, want);
    assert_eq!(
        out.changes,
        ["removed AzureAd:ClientSecret", "added AzureAd:Asymmetric"]
    );
}

#[test]
fn asymmetric_updates_what_is_there_ignoring_case() {
    let input = "{\r\n\t\"azuread\": {\r\n\t\t\"asymmetric\": {\r\n\t\t\t\"certificatethumbprint\": \"\u{200e}89569b9e426f9c89f6bb112012cc54f92b1add9b\",\r\n\t\t\t\"StoreName\": \"my\",\r\n\t\t\t\"ValidationRequired\": false\r\n\t\t}\r\n\t}\r\n}";
    let want = "{\r\n\t\"azuread\": {\r\n\t\t\"asymmetric\": {\r\n\t\t\t\"certificatethumbprint\": \"89569B9E426F9C89F6BB112012CC54F92B1ADD9B\",\r\n\t\t\t\"StoreName\": \"my\",\r\n\t\t\t\"ValidationRequired\": false,\r\n\t\t\t\"StoreLocation\": \"CurrentUser\"\r\n\t\t}\r\n\t}\r\n}";
    assert_eq!(asymmetric(input), want);
}

#[test]
fn flat_user_secrets_stay_flat() {
    let input = "\u{FEFF}{\n  \"AzureAd:ClientSecret\": \"s3cret\",\n  \"ConnectionStrings:Db\": \"Server=.\"\n}";
    let want = "\u{FEFF}{\n  \"ConnectionStrings:Db\": \"Server=.\",\n  \"AzureAd:Asymmetric:CertificateThumbprint\": \"89569B9E426F9C89F6BB112012CC54F92B1ADD9B\",\n  \"AzureAd:Asymmetric:StoreName\": \"My\",\n  \"AzureAd:Asymmetric:StoreLocation\": \"CurrentUser\",\n  \"AzureAd:Asymmetric:ValidationRequired\": \"false\"\n}";
    assert_eq!(asymmetric(input), want);
    let (text, out) = patched(input, &request(None, Source::Store, false));
    assert_eq!(
        (out.style, out.style_from),
        (Style::MsIdWeb, StyleFrom::Default)
    );
    let want = format!("\u{FEFF}{{\n  \"ConnectionStrings:Db\": \"Server=.\",\n  \"AzureAd:ClientCredentials:0:SourceType\": \"StoreWithThumbprint\",\n  \"AzureAd:ClientCredentials:0:CertificateStorePath\": \"CurrentUser/My\",\n  \"AzureAd:ClientCredentials:0:CertificateThumbprint\": \"{T}\"\n}}");
    assert_eq!(text, want);
}

#[test]
fn a_new_secrets_file_gets_flat_keys_an_empty_appsettings_nested_ones() {
    let (flat, out) = patched(new_secrets_file(), &request(None, Source::Store, true));
    assert_eq!(out.style_from, StyleFrom::Default);
    let nl = if cfg!(windows) { "\r\n" } else { "\n" };
    let want = [
        "{",
        "  \"AzureAd:ClientCredentials:0:SourceType\": \"StoreWithThumbprint\",",
        "  \"AzureAd:ClientCredentials:0:CertificateStorePath\": \"CurrentUser/My\",",
        "  \"AzureAd:ClientCredentials:0:CertificateThumbprint\": \"89569B9E426F9C89F6BB112012CC54F92B1ADD9B\"",
        "}",
    ]
    .join(nl);
    assert_eq!(flat, want);
    let nested = msidweb("{\n}\n");
    let want = "{\n  \"AzureAd\": {\n    \"ClientCredentials\": [\n      {\n        \"SourceType\": \"StoreWithThumbprint\",\n        \"CertificateStorePath\": \"CurrentUser/My\",\n        \"CertificateThumbprint\": \"89569B9E426F9C89F6BB112012CC54F92B1ADD9B\"\n      }\n    ]\n  }\n}\n";
    assert_eq!(nested, want);
    // One-line files get one-line values, in jsonedit's compact form.
    assert_eq!(msidweb("{}"), format!("{{\"AzureAd\": {{\"ClientCredentials\":[{{\"SourceType\":\"StoreWithThumbprint\",\"CertificateStorePath\":\"CurrentUser/My\",\"CertificateThumbprint\":\"{T}\"}}]}}}}"));
}

#[test]
fn msidweb_updates_the_thumbprint_in_place() {
    let input = fixture!("appsettings/msidweb-clientcredentials-thumbprint.json");
    let (text, out) = patched(input, &request(None, Source::Store, false));
    assert_eq!(
        (out.style, out.style_from),
        (Style::MsIdWeb, StyleFrom::Detected)
    );
    let want = input.replace("0B7F3E2A9C4D5E6F708192A3B4C5D6E7F8091A2B", T);
    assert_eq!(text, want);
    assert_eq!(out.changes, ["set AzureAd:ClientCredentials:0:CertificateThumbprint (was \"0B7F3E2A9C4D5E6F708192A3B4C5D6E7F8091A2B\")"]);
}

#[test]
fn msidweb_adds_after_a_description_for_another_store_keeping_comments() {
    let input = fixture!("appsettings/msidweb-clientcredentials-dn-comments.jsonc");
    let before = "                \"CertificateDistinguishedName\": \"CN=surveys.contoso.example\"\n            }\n";
    let after = format!("                \"CertificateDistinguishedName\": \"CN=surveys.contoso.example\"\n            }},\n            {{\n                \"SourceType\": \"StoreWithThumbprint\",\n                \"CertificateStorePath\": \"CurrentUser/My\",\n                \"CertificateThumbprint\": \"{T}\"\n            }}\n");
    assert!(input.contains(before));
    assert_eq!(msidweb(input), input.replace(before, &after));
}

#[test]
fn a_store_description_for_local_machine_is_left_alone() {
    // One-line arrays get compact elements (jsonedit's rule for minified text).
    let input = "{\"AzureAd\": {\"ClientCertificates\": [{\"SourceType\": \"StoreWithThumbprint\", \"CertificateStorePath\": \"LocalMachine/My\", \"CertificateThumbprint\": \"AA\"}]}}";
    let want = format!("{{\"AzureAd\": {{\"ClientCertificates\": [{{\"SourceType\": \"StoreWithThumbprint\", \"CertificateStorePath\": \"LocalMachine/My\", \"CertificateThumbprint\": \"AA\"}},{{\"SourceType\":\"StoreWithThumbprint\",\"CertificateStorePath\":\"CurrentUser/My\",\"CertificateThumbprint\":\"{T}\"}}]}}}}");
    assert_eq!(msidweb(input), want);
}

#[test]
fn client_secret_descriptions_go_nested_and_flat() {
    let input = "{\n  \"AzureAd\": {\n    \"ClientSecret\": \"x\",\n    \"ClientCredentials\": [\n      {\n        \"SourceType\": \"ClientSecret\",\n        \"ClientSecret\": \"y\"\n      },\n      {\n        \"SourceType\": \"KeyVault\",\n        \"KeyVaultUrl\": \"https://kv\"\n      }\n    ]\n  }\n}";
    let want = format!("{{\n  \"AzureAd\": {{\n    \"ClientCredentials\": [\n      {{\n        \"SourceType\": \"KeyVault\",\n        \"KeyVaultUrl\": \"https://kv\"\n      }},\n      {{\n        \"SourceType\": \"StoreWithThumbprint\",\n        \"CertificateStorePath\": \"CurrentUser/My\",\n        \"CertificateThumbprint\": \"{T}\"\n      }}\n    ]\n  }}\n}}");
    let (text, out) = patched(input, &request(None, Source::Store, false));
    assert_eq!(text, want);
    assert_eq!(
        out.changes,
        [
            "removed AzureAd:ClientSecret",
            "removed the ClientSecret description AzureAd:ClientCredentials:0",
            "added a StoreWithThumbprint description to AzureAd:ClientCredentials",
        ]
    );
    let flat = "{\n  \"AzureAd:ClientCredentials:0:SourceType\": \"ClientSecret\",\n  \"AzureAd:ClientCredentials:0:ClientSecret\": \"y\",\n  \"AzureAd:ClientCredentials:1:SourceType\": \"KeyVault\"\n}";
    let want = format!("{{\n  \"AzureAd:ClientCredentials:1:SourceType\": \"KeyVault\",\n  \"AzureAd:ClientCredentials:2:SourceType\": \"StoreWithThumbprint\",\n  \"AzureAd:ClientCredentials:2:CertificateStorePath\": \"CurrentUser/My\",\n  \"AzureAd:ClientCredentials:2:CertificateThumbprint\": \"{T}\"\n}}");
    let (text, out) = patched(flat, &request(None, Source::Store, true));
    assert_eq!(text, want);
    assert_eq!(
        out.changes[0],
        "removed the ClientSecret description AzureAd:ClientCredentials:0"
    );
}

#[test]
fn path_source_adds_or_repoints_a_path_description() {
    let pfx = "/home/dev/certs/surveys.pfx";
    let req = request(Some(Style::MsIdWeb), Source::Path(pfx.into()), false);
    let (text, _) = patched("{\"AzureAd\": {\"ClientCredentials\": []}}", &req);
    assert_eq!(text, format!("{{\"AzureAd\": {{\"ClientCredentials\": [{{\"SourceType\":\"Path\",\"CertificateDiskPath\":\"{pfx}\"}}]}}}}"));
    let old = "{\"AzureAd\": {\"ClientCredentials\": [{\"SourceType\": \"path\", \"CertificateDiskPath\": \"old.pfx\", \"CertificatePassword\": \"p\"}]}}";
    let (text, _) = patched(old, &req);
    assert_eq!(text, old.replace("old.pfx", pfx));
}

#[test]
fn the_style_follows_the_file() {
    let detect = |input: &str| {
        let out = patch(
            input.as_bytes(),
            path(),
            &request(None, Source::Store, false),
        )
        .unwrap();
        (out.style, out.style_from)
    };
    assert_eq!(
        detect(r#"{"AzureAd": {"Asymmetric": {}}}"#),
        (Style::Asymmetric, StyleFrom::Detected)
    );
    assert_eq!(
        detect(r#"{"AzureAd:ClientCertificates:0:SourceType": "x"}"#),
        (Style::MsIdWeb, StyleFrom::Detected)
    );
    assert_eq!(
        detect(r#"{"AzureAd": {"ClientId": "x"}}"#),
        (Style::MsIdWeb, StyleFrom::Default)
    );
}

#[test]
fn files_dotnet_would_refuse_are_refused() {
    let fail = |input: &str| {
        let e = patch(
            input.as_bytes(),
            path(),
            &request(None, Source::Store, false),
        )
        .unwrap_err();
        format!("{e} | {}", e.hint())
    };
    let text = fail("{\"AzureAd\": {\"ClientSecret\": \"a\"},\n\"azuread:clientsecret\": \"b\"}");
    assert!(
        text.contains("azuread:clientsecret is set twice (lines 1 and 2)"),
        "{text}"
    );
    assert!(fail("[1]")
        .contains("not a settings file (appsettings.json): the top-level value is an array"));
    let text = fail(r#"{"AzureAd": {"Asymmetric": {"StoreName": [1]}}}"#);
    assert!(
        text.contains("AzureAd:Asymmetric:StoreName (line 1) is an array; it should be a string"),
        "{text}"
    );
}

#[test]
fn keys_ignore_case_as_dotnet_does() {
    // U+212A KELVIN SIGN is not `k` to OrdinalIgnoreCase: two keys, not a duplicate.
    let input =
        "{\"AzureAd\": {\"\u{212A}ey\": \"a\", \"key\": \"b\"}, \"AZUREAD:clientsecret\": \"s\"}";
    let text = msidweb(input);
    assert!(
        text.contains("\"\u{212A}ey\": \"a\", \"key\": \"b\""),
        "{text}"
    );
    assert!(!text.contains("clientsecret"), "{text}");
    let fail = patch(
        "{\"AzureAd\": {\"KEY\": \"a\", \"key\": \"b\"}}".as_bytes(),
        path(),
        &request(None, Source::Store, false),
    )
    .unwrap_err();
    assert!(
        fail.to_string().contains("AzureAd:key is set twice"),
        "{fail}"
    );
}

#[test]
fn secrets_are_redacted_for_display() {
    let input = "{\"AzureAd:ClientSecret\": \"s3cret\", \"AzureAd\": {\"ClientCredentials\": [{\"CertificatePassword\": \"pw\", \"ClientSecret\": \"\"}]}, \"x\": \"s3cret\"}";
    let out = String::from_utf8(redact_secrets(input.as_bytes(), path())).unwrap();
    assert_eq!(out, "{\"AzureAd:ClientSecret\": \"<redacted>\", \"AzureAd\": {\"ClientCredentials\": [{\"CertificatePassword\": \"<redacted>\", \"ClientSecret\": \"\"}]}, \"x\": \"s3cret\"}");
}

#[test]
fn verification_catches_a_change_to_anything_else() {
    let input = br#"{"AzureAd": {"ClientId": "a"}, "Logging": {"Level": "Warning"}}"#;
    let want = plan::Want {
        style: Style::Asymmetric,
        thumbprint: T,
        source: &Source::Store,
        flat_when_empty: false,
    };
    let good = format!(
        r#"{{"AzureAd": {{"ClientId": "a", "Asymmetric": {{"CertificateThumbprint": "{T}", "StoreName": "My", "StoreLocation": "CurrentUser", "ValidationRequired": "false"}}}}, "Logging": {{"Level": "Warning"}}}}"#
    );
    check::verify(input, good.as_bytes(), path(), &want).unwrap();
    let bad = good.replace("\"Warning\"", "\"Debug\"");
    let e = check::verify(input, bad.as_bytes(), path(), &want).unwrap_err();
    assert!(e.to_string().contains("changed Logging,"), "{e}");
    // Inside the AzureAd section, the setting itself is named.
    let bad = good.replace("\"ClientId\": \"a\"", "\"ClientId\": \"b\"");
    let e = check::verify(input, bad.as_bytes(), path(), &want).unwrap_err();
    assert!(e.to_string().contains("changed AzureAd:ClientId,"), "{e}");
    let want = plan::Want {
        style: Style::MsIdWeb,
        ..want
    };
    let input = br#"{"AzureAd": {"ClientCredentials": [{"SourceType": "KeyVault"}]}}"#;
    let lost = format!(
        r#"{{"AzureAd": {{"ClientCredentials": [{{"SourceType": "StoreWithThumbprint", "CertificateStorePath": "CurrentUser/My", "CertificateThumbprint": "{T}"}}]}}}}"#
    );
    let e = check::verify(input, lost.as_bytes(), path(), &want).unwrap_err();
    assert!(e.to_string().contains("credential description"), "{e}");
}

#[test]
fn user_secrets_id_from_a_project_file() {
    let csproj = br#"<Project Sdk="Microsoft.NET.Sdk.Web">
  <!-- <UserSecretsId>old</UserSecretsId> -->
  <PropertyGroup>
    <TargetFramework>net8.0</TargetFramework>
    <UserSecretsId>aspnet-Surveys-5d1949bf-e569-417f-8b20-c88415e94b56</UserSecretsId>
  </PropertyGroup>
</Project>"#;
    let p = Path::new("Surveys.csproj");
    assert_eq!(
        secrets_id(csproj, p).unwrap(),
        "aspnet-Surveys-5d1949bf-e569-417f-8b20-c88415e94b56"
    );
    let group =
        |inner: &str| format!("<Project>\n<PropertyGroup>{inner}</PropertyGroup>\n</Project>");
    let fail = |inner: &str| {
        let e = secrets_id(group(inner).as_bytes(), p).unwrap_err();
        format!("{e} | {}", e.hint())
    };
    let id = |inner: &str| secrets_id(group(inner).as_bytes(), p).unwrap();
    assert!(fail("").contains("no <UserSecretsId>"));
    assert!(fail("<UserSecretsId>$(ProjectName)</UserSecretsId>").contains("MSBuild property"));
    assert!(fail("<UserSecretsId>../../etc</UserSecretsId>").contains("not a valid directory name"));
    assert!(fail("<UserSecretsId>..</UserSecretsId>").contains("not a valid directory name"));
    assert!(fail("<UserSecretsId>a&#47;b</UserSecretsId>").contains("not a valid directory name"));
    // The hostile reproducer's cases: what .NET reads, not the text between the first tags.
    assert_eq!(
        id("<UserSecretsId />\n<UserSecretsId>abc</UserSecretsId>"),
        "abc"
    );
    assert_eq!(id("<UserSecretsId><![CDATA[abc]]></UserSecretsId>"), "abc");
    assert_eq!(id("<UserSecretsId>a&amp;b</UserSecretsId>"), "a&b");
    assert_eq!(id("<UserSecretsId>\n  abc\t\n</UserSecretsId>"), "abc");
    // Properties are evaluated in order: the last definition wins.
    assert_eq!(
        id("<UserSecretsId>a</UserSecretsId><UserSecretsId>b</UserSecretsId>"),
        "b"
    );
    assert!(
        fail("<UserSecretsId>a</UserSecretsId>\n<UserSecretsId></UserSecretsId>")
            .contains("its last <UserSecretsId> (line 3) is empty, which clears the one on line 2")
    );
    assert!(fail("<UserSecretsId>a<!-- b --></UserSecretsId>").contains("line 2: it has markup"));
    // Under conditions certkit cannot evaluate, only agreement is accepted.
    let cond = "<UserSecretsId Condition=\"'$(X)' == ''\">a</UserSecretsId>";
    assert_eq!(id(&format!("{cond}<UserSecretsId>a</UserSecretsId>")), "a");
    let text = fail(&format!("{cond}<UserSecretsId>b</UserSecretsId>"));
    assert!(text.contains("different values under conditions certkit cannot evaluate (\"a\" on line 2, \"b\" on line 2)"), "{text}");
}

#[test]
fn huge_files_are_refused() {
    let big = format!("{{\"a\": \"{}\"}}", "x".repeat(MAX_SIZE));
    let e = patch(big.as_bytes(), path(), &request(None, Source::Store, false)).unwrap_err();
    assert!(e.to_string().contains("a few kilobytes"), "{e}");
}

/// The refusal of `input` (style from the file) as "message | hint"; the error is BadFile.
fn refusal(input: &str, style: Option<Style>) -> String {
    let e = patch(
        input.as_bytes(),
        path(),
        &request(style, Source::Store, false),
    )
    .unwrap_err();
    assert!(matches!(e, Error::BadFile { .. }), "{e:?}");
    let text = format!("{e} | {}", e.hint());
    assert!(!text.contains("bug"), "{text}");
    text
}

#[test]
fn a_credential_list_that_is_not_a_list_is_refused() {
    let cases = [
        (
            r#"{"AzureAd":{"ClientCredentials":{"SourceType":"ClientSecret","ClientSecret":"s3cret"}}}"#,
            "AzureAd:ClientCredentials is an object, not an array of credential descriptions (line 1)",
            "put the description in square brackets, \"ClientCredentials\": [",
        ),
        (
            r#"{"AzureAd":{"ClientCertificates":{"SourceType":"StoreWithThumbprint"}}}"#,
            "AzureAd:ClientCertificates is an object, not an array of credential descriptions",
            "\"ClientCertificates\": [",
        ),
        (
            r#"{"AzureAd":{"ClientCertificates":"x"}}"#,
            "AzureAd:ClientCertificates is a string, not an array of credential descriptions",
            "make it an array of credential descriptions",
        ),
        (
            r#"{"AzureAd":{"ClientCertificates":5}}"#,
            "AzureAd:ClientCertificates is a number, not an array",
            "or remove it",
        ),
        (
            r#"{"AzureAd":{"ClientCertificates":null}}"#,
            "AzureAd:ClientCertificates is null, not an array",
            "or remove it",
        ),
        (
            r#"{"AzureAd:ClientCredentials": true}"#,
            "AzureAd:ClientCredentials is a boolean, not an array",
            "or remove it",
        ),
        (
            "{\n  \"AzureAd:ClientCredentials:SourceType\": \"ClientSecret\",\n  \"AzureAd:ClientCredentials:ClientSecret\": \"s3cret\"\n}",
            "AzureAd:ClientCredentials:SourceType is not in a numbered credential description (line 2)",
            "\"AzureAd:ClientCredentials:0:SourceType\"",
        ),
        (
            r#"{"AzureAd":{"ClientCredentials":[{"SourceType":"KeyVault"},"x"]}}"#,
            "AzureAd:ClientCredentials:1 is a string, not a credential description",
            "make AzureAd:ClientCredentials:1 an object",
        ),
        (
            r#"{"AzureAd":{"ClientCredentials":[{"SourceType":["ClientSecret"]}]}}"#,
            "AzureAd:ClientCredentials:0:SourceType (line 1) is an array; it should be a string",
            "fix or remove that setting",
        ),
    ];
    for (input, why, hint) in cases {
        let text = refusal(input, None);
        assert!(text.contains(why), "{input}: {text}");
        assert!(text.contains(hint), "{input}: {text}");
        assert!(text.contains("appsettings.json"), "{text}");
        assert!(!text.contains("s3cret"), "{text}");
    }
}

#[test]
fn settings_on_the_way_that_are_not_objects_are_refused() {
    let cases = [
        (
            r#"{"AzureAd": "oops"}"#,
            None,
            "AzureAd is a string, not an object",
        ),
        (
            r#"{"AzureAd": null}"#,
            None,
            "AzureAd is null, not an object",
        ),
        (
            r#"{"AzureAd": []}"#,
            None,
            "AzureAd is an array, not an object",
        ),
        (
            r#"{"azuread": 1}"#,
            Some(Style::Asymmetric),
            "azuread is a number, not an object",
        ),
        (
            r#"{"AzureAd":{"Asymmetric":"x"}}"#,
            None,
            "AzureAd:Asymmetric is a string, not an object",
        ),
        (
            "{\"AzureAd:ClientId\": \"a\",\n \"AzureAd:Asymmetric\": []}",
            Some(Style::Asymmetric),
            "AzureAd:Asymmetric is an array, not an object (line 2)",
        ),
    ];
    for (input, style, why) in cases {
        let text = refusal(input, style);
        assert!(text.contains(why), "{input}: {text}");
        let key = why.split(' ').next().unwrap();
        assert!(
            text.contains(&format!("make {key} an object, or remove it")),
            "{text}"
        );
    }
    let text = refusal("\"x\"", None);
    assert!(
        text.contains("the top-level value is a string, not an object"),
        "{text}"
    );
    // Only what the style edits must have its shape: msidweb does not read Asymmetric.
    let (text, _) = patched(
        r#"{"AzureAd":{"Asymmetric":"x"}}"#,
        &request(Some(Style::MsIdWeb), Source::Store, false),
    );
    assert_eq!(text, format!("{{\"AzureAd\":{{\"Asymmetric\":\"x\",\"ClientCredentials\":[{{\"SourceType\":\"StoreWithThumbprint\",\"CertificateStorePath\":\"CurrentUser/My\",\"CertificateThumbprint\":\"{T}\"}}]}}}}"));
}

#[test]
fn a_list_written_as_an_empty_or_numbered_object_becomes_an_array() {
    let input = "{\n  \"AzureAd\": {\n    \"ClientCredentials\": {}\n  }\n}\n";
    let want = format!("{{\n  \"AzureAd\": {{\n    \"ClientCredentials\": [\n      {{\n        \"SourceType\": \"StoreWithThumbprint\",\n        \"CertificateStorePath\": \"CurrentUser/My\",\n        \"CertificateThumbprint\": \"{T}\"\n      }}\n    ]\n  }}\n}}\n");
    let (text, out) = patched(input, &request(None, Source::Store, false));
    assert_eq!(text, want);
    assert!(!out.removed_secret);
    let numbered = r#"{"AzureAd": {"ClientCredentials": {"0": {"SourceType": "ClientSecret", "ClientSecret": "s3cret"}}}}"#;
    let want = format!("{{\"AzureAd\": {{\"ClientCredentials\": [{{\"SourceType\":\"StoreWithThumbprint\",\"CertificateStorePath\":\"CurrentUser/My\",\"CertificateThumbprint\":\"{T}\"}}]}}}}");
    let (text, out) = patched(numbered, &request(None, Source::Store, false));
    assert_eq!(text, want);
    assert_eq!(
        out.changes,
        [
            "removed the ClientSecret description AzureAd:ClientCredentials:0",
            "added a StoreWithThumbprint description to AzureAd:ClientCredentials",
        ]
    );
    assert!(out.removed_secret);
}

#[test]
fn the_outcome_says_when_a_secret_was_removed() {
    let removed = |input: &str, style: Option<Style>| {
        patched(input, &request(style, Source::Store, false))
            .1
            .removed_secret
    };
    assert!(removed(r#"{"AzureAd": {"ClientSecret": "s3cret"}}"#, None));
    assert!(removed(
        r#"{"AzureAd:ClientSecret": "s3cret"}"#,
        Some(Style::Asymmetric)
    ));
    assert!(removed(
        "{\"AzureAd:ClientCredentials:0:SourceType\": \"ClientSecret\", \"AzureAd:ClientCredentials:0:ClientSecret\": \"s3cret\"}",
        None
    ));
    // An empty secret is no secret; a file without one has nothing to warn about.
    assert!(!removed(r#"{"AzureAd": {"ClientSecret": ""}}"#, None));
    assert!(!removed(r#"{"AzureAd": {"ClientId": "a"}}"#, None));
}

/// Only AzureAd, its Asymmetric section, the credential list and its descriptions are walked;
/// everything else is one node (its text compared whole), so a big or deep section costs one
/// pass of the parser, not a key per value.
#[test]
fn the_view_walks_only_what_the_planner_reads() {
    let text = format!(
        r#"{{"AzureAd": {{"ClientId": "x", "Other": {{"a": [1, 2]}}, "ClientCredentials": [{{"SourceType": "ClientSecret", "Deep": {{"b": 1}}}}]}},
 "Big": {}[{}]{}, "AzureAd:Extra:More": {{"c": [3]}}, "azuread:asymmetric": {{"StoreName": "My"}}}}"#,
        "{\"a\":".repeat(300),
        vec!["0"; 1000].join(","),
        "}".repeat(300)
    );
    let doc = view::parse(text.as_bytes(), path()).unwrap();
    let view = view::View::new(&doc).unwrap();
    let names: Vec<String> = view.nodes.iter().map(|n| view.name(n)).collect();
    assert_eq!(
        names,
        [
            "",
            "AzureAd",
            "AzureAd:ClientId",
            "AzureAd:Other",
            "AzureAd:ClientCredentials",
            "AzureAd:ClientCredentials:0",
            "AzureAd:ClientCredentials:0:SourceType",
            "AzureAd:ClientCredentials:0:Deep",
            "Big",
            "AzureAd:Extra:More",
            "azuread:asymmetric",
            "azuread:asymmetric:StoreName",
        ]
    );
    let (values, whole) = view.flatten().unwrap();
    assert_eq!(values.len(), 3);
    let whole: Vec<&str> = whole
        .iter()
        .map(|(_, s)| match s {
            view::Setting::Whole(text) => &text[..8.min(text.len())],
            view::Setting::Value(_) => "",
        })
        .collect();
    assert_eq!(
        whole,
        [r#"{"a": [1"#, r#"{"b": 1}"#, r#"{"a":{"a"#, r#"{"c": [3"#]
    );
}

/// One-line files: new settings use the separators the file uses, minified or spaced.
#[test]
fn one_line_files_keep_their_spacing() {
    let description = |colon: &str, comma: &str, pad: &str| {
        format!("[{{{pad}\"SourceType\"{colon}\"StoreWithThumbprint\"{comma}\"CertificateStorePath\"{colon}\"CurrentUser/My\"{comma}\"CertificateThumbprint\"{colon}\"{T}\"{pad}}}]")
    };
    let cases = [
        (
            r#"{"AzureAd":{},"Logging":{"a":1}}"#.to_string(),
            format!(
                r#"{{"AzureAd":{{"ClientCredentials":{}}},"Logging":{{"a":1}}}}"#,
                description(":", ",", "")
            ),
        ),
        (
            r#"{"AzureAd": {}, "Logging": {"a": 1}}"#.to_string(),
            format!(
                r#"{{"AzureAd": {{"ClientCredentials": {}}}, "Logging": {{"a": 1}}}}"#,
                description(": ", ", ", "")
            ),
        ),
        (
            r#"{"AzureAd": { "ClientId": "x", "ClientSecret": "s" }}"#.to_string(),
            format!(
                r#"{{"AzureAd": {{ "ClientId": "x", "ClientCredentials": {} }}}}"#,
                description(": ", ", ", " ")
            ),
        ),
    ];
    for (input, want) in cases {
        assert_eq!(msidweb(&input), want);
    }
}
