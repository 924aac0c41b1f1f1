//! `certkit assertion`: sign a client-assertion JWT (or print the token request around it),
//! or `--verify` one.

use std::io::Read;
use std::path::Path;

use certkit::assertion::{
    self, AssertionRequest, DecodedJwt, Expectations, Grant, TokenRequest, Verification,
};
use certkit::select::Selection;
use certkit::store::Selector;
use certkit::{Error, Result};
use serde_json::json;

use super::{open_store, print_json, selection};
use crate::cli::{AssertionArgs, SelectArgs};

pub fn run(args: &AssertionArgs) -> Result<()> {
    if let Some(jwt) = &args.verify {
        return verify(args, jwt);
    }
    let client_id = args.client_id.clone().expect("clap requires --client-id");
    let endpoint = args
        .tenant
        .as_deref()
        .map(|t| assertion::token_endpoint(t, args.v1))
        .transpose()?;
    let audience = args
        .audience
        .clone()
        .or(endpoint)
        .expect("clap requires --tenant or --audience");
    assertion::check_lifetime(args.lifetime)?;
    check_request_options(args)?;
    if uuid::Uuid::parse_str(&client_id).is_err() {
        crate::ui::warn(format!("{client_id:?} is not a GUID; Entra's client ids are the app's Application (client) ID GUID"));
    }
    let (cert, key) = assertion::signing_pair(&selection(&args.select)?)?;
    let request = AssertionRequest {
        client_id: client_id.clone(),
        audience: audience.clone(),
        algorithm: if args.pss {
            assertion::Algorithm::Ps256
        } else {
            assertion::Algorithm::Rs256
        },
        lifetime: args.lifetime,
        now: assertion::unix_now(),
        jti: uuid::Uuid::new_v4(),
    };
    let token = assertion::sign(&cert, &key, &request)?;
    crate::ui::status(format!(
        "signed {} with {} ({}); valid for {} s, audience {audience}",
        request.algorithm.name(),
        cert.subject(),
        cert.thumbprint(),
        args.lifetime
    ));
    let token_request = (args.request || args.curl).then(|| token_request(args, client_id, &token));
    if args.json {
        print_json(&json!({
            "assertion": token,
            "header": assertion::header(&cert, request.algorithm),
            "claims": assertion::claims(&request),
            "token_endpoint": audience,
            "request_body": token_request.as_ref().map(TokenRequest::body),
        }));
    } else if let Some(r) = &token_request {
        if args.curl {
            print!("{}", r.curl(&audience));
        } else {
            println!("{}", r.body());
        }
    } else {
        println!("{token}");
    }
    Ok(())
}

fn check_request_options(args: &AssertionArgs) -> Result<()> {
    let given = args.scope.is_some() || args.resource.is_some() || args.code.is_some();
    if given && !(args.request || args.curl) {
        return Err(Error::invalid(
            "command line",
            "--scope/--resource/--code",
            "they belong to the token request, which is printed only with --request or --curl",
            "add --request (the form body) or --curl (a curl command)",
        ));
    }
    if let (Some(resource), false, None) = (&args.resource, args.v1, &args.audience) {
        // The v2.0 endpoint answers AADSTS901002 to a `resource` parameter.
        return Err(Error::invalid(
            "--resource",
            resource.clone(),
            "the v2.0 token endpoint does not take a resource, only a scope",
            format!(
                "ask for --scope {}/.default, or add --v1 for the v1 endpoint",
                resource.trim_end_matches('/')
            ),
        ));
    }
    if (args.request || args.curl) && args.scope.is_none() && args.resource.is_none() {
        let which = if args.v1 {
            "--resource (e.g. https://graph.microsoft.com)"
        } else {
            "--scope (e.g. https://graph.microsoft.com/.default)"
        };
        crate::ui::warn(format!("the token endpoint will ask for {which}"));
    }
    Ok(())
}

fn token_request(args: &AssertionArgs, client_id: String, token: &str) -> TokenRequest {
    TokenRequest {
        client_id,
        assertion: token.to_owned(),
        grant: match &args.code {
            Some(code) => Grant::AuthorizationCode(code.clone()),
            None => Grant::ClientCredentials,
        },
        scope: args.scope.clone(),
        resource: args.resource.clone(),
    }
}

fn verify(args: &AssertionArgs, jwt_arg: &str) -> Result<()> {
    let (text, source) = if jwt_arg == "-" {
        (read_jwt_stdin()?, "<stdin>")
    } else {
        (jwt_arg.to_owned(), "<argument>")
    };
    let jwt = DecodedJwt::parse(&text)?;
    let cert = certkit::select::one(&verify_selection(&args.select, &jwt)?)?.certificate;
    let expect = Expectations {
        client_id: args.client_id.clone(),
        audience: match (&args.audience, &args.tenant) {
            (Some(a), _) => Some(a.clone()),
            (None, Some(t)) => Some(assertion::token_endpoint(t, args.v1)?),
            (None, None) => None,
        },
    };
    let report = assertion::verify(&jwt, &cert, assertion::unix_now(), &expect);
    render(&report, args.json);
    if report.ok() {
        return Ok(());
    }
    let failed: Vec<&str> = report
        .checks
        .iter()
        .filter(|c| !c.ok)
        .map(|c| c.name)
        .collect();
    Err(Error::bad_file(
        "the client assertion would be refused",
        Path::new(source),
        format!("failed: {}", failed.join(", ")),
        "see the FAIL lines above; sign a new one with `certkit assertion --client-id ID --tenant T`",
    ))
}

/// Client assertions are a few KB; a bound keeps `--verify - < /dev/zero` from taking all memory.
const MAX_JWT_BYTES: u64 = 1024 * 1024;

fn read_jwt_stdin() -> Result<String> {
    let stdin = Path::new("<stdin>");
    let mut bytes = Vec::new();
    std::io::stdin()
        .lock()
        .take(MAX_JWT_BYTES + 1)
        .read_to_end(&mut bytes)
        .map_err(|e| Error::io("read the JWT from", stdin, e))?;
    if bytes.len() as u64 > MAX_JWT_BYTES {
        return Err(Error::bad_file(
            "not a client assertion",
            stdin,
            "more than 1 MiB; a client assertion is a few KB",
            "pipe in only the JWT (three base64url parts joined by dots)",
        ));
    }
    String::from_utf8(bytes).map_err(|_| {
        Error::bad_file(
            "not a client assertion",
            stdin,
            "the input is not UTF-8 text",
            "pipe in only the JWT (three base64url parts joined by dots)",
        )
    })
}

/// The selection given, or else the store certificate the header's x5t (or x5t#S256) names.
fn verify_selection(args: &SelectArgs, jwt: &DecodedJwt) -> Result<Selection> {
    if args.cert.is_some() || args.thumbprint.is_some() || args.subject.is_some() {
        return selection(args);
    }
    let thumbprint = jwt.header_thumbprint().ok_or_else(|| {
        Error::invalid(
            "client assertion",
            "header",
            "the header names no certificate (no x5t or x5t#S256)",
            "name the certificate with --cert FILE, --thumbprint or --subject",
        )
    })?;
    Ok(Selection::Store {
        store: open_store(&args.store)?,
        selector: Selector::Thumbprint(thumbprint),
    })
}

fn render(report: &Verification, as_json: bool) {
    if as_json {
        let mut value = serde_json::to_value(report).expect("report serializes");
        value["ok"] = json!(report.ok());
        print_json(&value);
        return;
    }
    for check in &report.checks {
        let mark = if check.ok { "ok  " } else { "FAIL" };
        // The details quote the token's own values: a claim must not forge an "ok" line.
        let detail = crate::ui::printable(&check.detail);
        println!("{mark} {:<11} {detail}", check.name);
    }
}
