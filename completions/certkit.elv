
use builtin;
use str;

set edit:completion:arg-completer[certkit] = {|@words|
    fn spaces {|n|
        builtin:repeat $n ' ' | str:join ''
    }
    fn cand {|text desc|
        edit:complex-candidate $text &display=$text' '(spaces (- 14 (wcswidth $text)))$desc
    }
    var command = 'certkit'
    for word $words[1..-1] {
        if (str:has-prefix $word '-') {
            break
        }
        set command = $command';'$word
    }
    var completions = [
        &'certkit'= {
            cand -q 'Print only data and errors: no status lines on stderr'
            cand --quiet 'Print only data and errors: no status lines on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand new 'Create an RSA key and self-signed certificate; write PFX, PEM, .cer and key; add it to the user store'
            cand thumbprint 'Print thumbprints: of the user store (like certutil -store -user my), or of a certificate file'
            cand manifest 'Edit a downloaded application manifest'
            cand config 'Edit an app''s settings or user secrets'
            cand keycred 'Print the keyCredentials JSON fragment for a certificate'
            cand store 'The user certificate store (.NET''s CurrentUser\My): list, show, import, export, remove'
            cand dump 'Print everything about a certificate file, like certutil -dump'
            cand assertion 'Print a signed client-assertion JWT (or the token request that carries it), or check one'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff)'
            cand convert 'Convert between PFX, PEM (certificates, key, bundle) and DER'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'certkit;new'= {
            cand -s 'Subject: a bare name becomes CN=NAME; a full RFC 4514 name is used as given [asked at a terminal when missing]'
            cand --subject 'Subject: a bare name becomes CN=NAME; a full RFC 4514 name is used as given [asked at a terminal when missing]'
            cand --key-size 'RSA key size in bits'
            cand --days 'Validity in days from NotBefore [default: one year]'
            cand --not-before 'NotBefore, RFC 3339 (e.g. 2027-01-01T00:00:00Z) [default: now minus 10 minutes]'
            cand --not-after 'NotAfter, RFC 3339'
            cand --dns 'Add a DNS subject alternative name (repeatable)'
            cand --out 'Directory for NAME.pfx, NAME.cer, NAME.pem and NAME.key'
            cand --store 'The certificate store directory [env: CERTKIT_STORE; default: .NET''s CurrentUser\My]'
            cand --password-file 'Read the PFX password from the first line of FILE'
            cand --password-env 'Read the PFX password from environment variable VAR'
            cand --pfx-profile 'PFX encryption profile: modern (AES-256, SHA-256 MAC) or legacy (3DES, SHA-1 MAC, for Windows Server 2016, macOS, JDK 8)'
            cand --pfx-iterations 'PBKDF iteration count for the PFX (at most 600000: Windows refuses more)'
            cand --key-format 'PEM form of the private key file: pkcs8 (PRIVATE KEY) or pkcs1 (RSA PRIVATE KEY)'
            cand --key-password-file 'Encrypt the key file (PKCS#8, AES-256) with the password on the first line of FILE'
            cand --key-password-env 'Encrypt the key file with the password in environment variable VAR'
            cand --no-store 'Do not add the certificate to the user store'
            cand --password-stdin 'Read the PFX password from the first line of standard input'
            cand --no-password 'Use an empty PFX password (the file still carries a MAC)'
            cand --key-password-stdin 'Encrypt the key file with the password on the first line of standard input'
            cand --force 'Replace existing output files'
            cand -y 'Answer yes to questions (replacing existing files)'
            cand --yes 'Answer yes to questions (replacing existing files)'
            cand --json 'Print one JSON object instead of text'
            cand -q 'Print only data and errors: no status lines on stderr'
            cand --quiet 'Print only data and errors: no status lines on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certkit;thumbprint'= {
            cand --subject 'Only certificates with this CN or full subject'
            cand --format 'How to print the digest'
            cand --store 'The certificate store directory [env: CERTKIT_STORE; default: .NET''s CurrentUser\My]'
            cand --password-file 'Read the PFX password from the first line of FILE'
            cand --password-env 'Read the PFX password from environment variable VAR'
            cand --sha256 'Print SHA-256 instead of SHA-1'
            cand --password-stdin 'Read the PFX password from the first line of standard input'
            cand --no-password 'Use an empty PFX password (the file still carries a MAC)'
            cand --json 'Print JSON instead of text'
            cand -q 'Print only data and errors: no status lines on stderr'
            cand --quiet 'Print only data and errors: no status lines on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certkit;manifest'= {
            cand -q 'Print only data and errors: no status lines on stderr'
            cand --quiet 'Print only data and errors: no status lines on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand patch 'Add a certificate credential to a manifest, in place, touching nothing else'
            cand show 'List a manifest''s certificate credentials: dates, thumbprints, expired, expiring and malformed entries'
            cand remove 'Remove certificate credentials from a manifest, in place, touching nothing else'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'certkit;manifest;patch'= {
            cand --cert 'A certificate file (PEM, DER, base64 or PFX)'
            cand --thumbprint 'A certificate in the store, by SHA-1 (or SHA-256) thumbprint'
            cand --subject 'A certificate in the store, by CN or full subject'
            cand --store 'The certificate store directory [env: CERTKIT_STORE; default: .NET''s CurrentUser\My]'
            cand --password-file 'Read the PFX password from the first line of FILE'
            cand --password-env 'Read the PFX password from environment variable VAR'
            cand --schema 'Manifest schema [default: detected from the document]'
            cand --password-stdin 'Read the PFX password from the first line of standard input'
            cand --no-password 'Use an empty PFX password (the file still carries a MAC)'
            cand --dry-run 'Print a unified diff (secret values redacted) and write nothing'
            cand --no-backup 'Do not keep the previous content as FILE.bak'
            cand --force 'Write through a symbolic link'
            cand --json 'Print JSON instead of text'
            cand -q 'Print only data and errors: no status lines on stderr'
            cand --quiet 'Print only data and errors: no status lines on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certkit;manifest;show'= {
            cand --json 'Print JSON instead of text'
            cand -q 'Print only data and errors: no status lines on stderr'
            cand --quiet 'Print only data and errors: no status lines on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certkit;manifest;remove'= {
            cand --thumbprint 'The entries for this certificate: its SHA-1 thumbprint, pasted in any form'
            cand --key-id 'The entry with this keyId'
            cand --expired 'Every entry whose end date has passed'
            cand --force 'Remove even the last certificate the app can sign in with today; write through a symbolic link'
            cand --dry-run 'Print a unified diff (secret values redacted) and write nothing'
            cand --no-backup 'Do not keep the previous content as FILE.bak'
            cand --json 'Print JSON instead of text'
            cand -q 'Print only data and errors: no status lines on stderr'
            cand --quiet 'Print only data and errors: no status lines on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certkit;manifest;help'= {
            cand patch 'Add a certificate credential to a manifest, in place, touching nothing else'
            cand show 'List a manifest''s certificate credentials: dates, thumbprints, expired, expiring and malformed entries'
            cand remove 'Remove certificate credentials from a manifest, in place, touching nothing else'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'certkit;manifest;help;patch'= {
        }
        &'certkit;manifest;help;show'= {
        }
        &'certkit;manifest;help;remove'= {
        }
        &'certkit;manifest;help;help'= {
        }
        &'certkit;config'= {
            cand -q 'Print only data and errors: no status lines on stderr'
            cand --quiet 'Print only data and errors: no status lines on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand patch 'Name a certificate in appsettings.json or user secrets instead of a client secret, in place, touching nothing else'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'certkit;config;patch'= {
            cand --project 'Edit this project''s user secrets (found from its <UserSecretsId>), creating secrets.json when missing; new settings there are flat "AzureAd:..." keys, as `dotnet user-secrets set` writes them. A directory stands for the one .csproj in it'
            cand --style 'Which settings to write [default: those the file already has, else msidweb]'
            cand --source 'Where the app loads the certificate from (msidweb only): the user store by thumbprint, or the PFX file'
            cand --cert 'A certificate file (PEM, DER, base64 or PFX)'
            cand --thumbprint 'A certificate in the store, by SHA-1 (or SHA-256) thumbprint'
            cand --subject 'A certificate in the store, by CN or full subject'
            cand --store 'The certificate store directory [env: CERTKIT_STORE; default: .NET''s CurrentUser\My]'
            cand --password-file 'Read the PFX password from the first line of FILE'
            cand --password-env 'Read the PFX password from environment variable VAR'
            cand --password-stdin 'Read the PFX password from the first line of standard input'
            cand --no-password 'Use an empty PFX password (the file still carries a MAC)'
            cand --dry-run 'Print a unified diff (secret values redacted) and write nothing'
            cand --no-backup 'Do not keep the previous content as FILE.bak'
            cand --force 'Write through a symbolic link; create secrets.json in a user-secrets directory every user may write to'
            cand --json 'Print JSON instead of text'
            cand -q 'Print only data and errors: no status lines on stderr'
            cand --quiet 'Print only data and errors: no status lines on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certkit;config;help'= {
            cand patch 'Name a certificate in appsettings.json or user secrets instead of a client secret, in place, touching nothing else'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'certkit;config;help;patch'= {
        }
        &'certkit;config;help;help'= {
        }
        &'certkit;keycred'= {
            cand --cert 'A certificate file (PEM, DER, base64 or PFX)'
            cand --thumbprint 'A certificate in the store, by SHA-1 (or SHA-256) thumbprint'
            cand --subject 'A certificate in the store, by CN or full subject'
            cand --store 'The certificate store directory [env: CERTKIT_STORE; default: .NET''s CurrentUser\My]'
            cand --password-file 'Read the PFX password from the first line of FILE'
            cand --password-env 'Read the PFX password from environment variable VAR'
            cand --schema 'Manifest schema of the fragment'
            cand --password-stdin 'Read the PFX password from the first line of standard input'
            cand --no-password 'Use an empty PFX password (the file still carries a MAC)'
            cand -q 'Print only data and errors: no status lines on stderr'
            cand --quiet 'Print only data and errors: no status lines on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certkit;store'= {
            cand -q 'Print only data and errors: no status lines on stderr'
            cand --quiet 'Print only data and errors: no status lines on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand list 'List the store''s certificates, newest first (like certutil -store -user my)'
            cand show 'Show one certificate (like certutil -store -user my NAME)'
            cand import 'Put a PFX, or a PEM file with its key, into the store in the store''s own format'
            cand export 'Write a store certificate and its key to a PFX or PEM file (like certutil -exportPFX)'
            cand remove 'Delete a certificate from the store (asks first; --yes without a terminal)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'certkit;store;list'= {
            cand --store 'The certificate store directory [env: CERTKIT_STORE; default: .NET''s CurrentUser\My]'
            cand --json 'Print JSON instead of text'
            cand -q 'Print only data and errors: no status lines on stderr'
            cand --quiet 'Print only data and errors: no status lines on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certkit;store;show'= {
            cand --store 'The certificate store directory [env: CERTKIT_STORE; default: .NET''s CurrentUser\My]'
            cand --json 'Print JSON instead of text'
            cand -q 'Print only data and errors: no status lines on stderr'
            cand --quiet 'Print only data and errors: no status lines on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certkit;store;import'= {
            cand --store 'The certificate store directory [env: CERTKIT_STORE; default: .NET''s CurrentUser\My]'
            cand --password-file 'Read the PFX password from the first line of FILE'
            cand --password-env 'Read the PFX password from environment variable VAR'
            cand --password-stdin 'Read the PFX password from the first line of standard input'
            cand --no-password 'Use an empty PFX password (the file still carries a MAC)'
            cand --json 'Print JSON instead of text'
            cand -q 'Print only data and errors: no status lines on stderr'
            cand --quiet 'Print only data and errors: no status lines on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certkit;store;export'= {
            cand --pfx 'Write a PFX (password from the password options, asked at a terminal)'
            cand --pem 'Write the private key (PKCS#8; encrypted with a password option) and the certificate as PEM, mode 0600'
            cand --store 'The certificate store directory [env: CERTKIT_STORE; default: .NET''s CurrentUser\My]'
            cand --password-file 'Read the PFX password from the first line of FILE'
            cand --password-env 'Read the PFX password from environment variable VAR'
            cand --pfx-profile 'PFX encryption profile: modern (AES-256, SHA-256 MAC) or legacy (3DES, SHA-1 MAC, for Windows Server 2016, macOS, JDK 8)'
            cand --pfx-iterations 'PBKDF iteration count for the PFX (at most 600000: Windows refuses more)'
            cand --password-stdin 'Read the PFX password from the first line of standard input'
            cand --no-password 'Use an empty PFX password (the file still carries a MAC)'
            cand --force 'Replace an existing output file'
            cand -q 'Print only data and errors: no status lines on stderr'
            cand --quiet 'Print only data and errors: no status lines on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certkit;store;remove'= {
            cand --store 'The certificate store directory [env: CERTKIT_STORE; default: .NET''s CurrentUser\My]'
            cand -y 'Do not ask; required when there is no terminal'
            cand --yes 'Do not ask; required when there is no terminal'
            cand -q 'Print only data and errors: no status lines on stderr'
            cand --quiet 'Print only data and errors: no status lines on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certkit;store;help'= {
            cand list 'List the store''s certificates, newest first (like certutil -store -user my)'
            cand show 'Show one certificate (like certutil -store -user my NAME)'
            cand import 'Put a PFX, or a PEM file with its key, into the store in the store''s own format'
            cand export 'Write a store certificate and its key to a PFX or PEM file (like certutil -exportPFX)'
            cand remove 'Delete a certificate from the store (asks first; --yes without a terminal)'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'certkit;store;help;list'= {
        }
        &'certkit;store;help;show'= {
        }
        &'certkit;store;help;import'= {
        }
        &'certkit;store;help;export'= {
        }
        &'certkit;store;help;remove'= {
        }
        &'certkit;store;help;help'= {
        }
        &'certkit;dump'= {
            cand --password-file 'Read the PFX password from the first line of FILE'
            cand --password-env 'Read the PFX password from environment variable VAR'
            cand --password-stdin 'Read the PFX password from the first line of standard input'
            cand --no-password 'Use an empty PFX password (the file still carries a MAC)'
            cand --json 'Print JSON instead of text'
            cand -q 'Print only data and errors: no status lines on stderr'
            cand --quiet 'Print only data and errors: no status lines on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certkit;assertion'= {
            cand --client-id 'The application (client) ID of the app registration'
            cand --tenant 'The directory (tenant) ID or domain; sets the audience'
            cand --cert 'A certificate file (PEM, DER, base64 or PFX)'
            cand --thumbprint 'A certificate in the store, by SHA-1 (or SHA-256) thumbprint'
            cand --subject 'A certificate in the store, by CN or full subject'
            cand --store 'The certificate store directory [env: CERTKIT_STORE; default: .NET''s CurrentUser\My]'
            cand --password-file 'Read the PFX password from the first line of FILE'
            cand --password-env 'Read the PFX password from environment variable VAR'
            cand --lifetime 'Seconds until the assertion expires'
            cand --audience 'The aud claim [default: the tenant''s token endpoint]'
            cand --scope 'scope of the token request (v2.0), e.g. https://graph.microsoft.com/.default'
            cand --resource 'resource of the token request (v1), e.g. https://graph.microsoft.com'
            cand --code 'Authorization code: makes the request an authorization_code grant'
            cand --verify 'Check a JWT (- reads it from stdin): signature, x5t, times and claims'
            cand --password-stdin 'Read the PFX password from the first line of standard input'
            cand --no-password 'Use an empty PFX password (the file still carries a MAC)'
            cand --pss 'Sign with PS256 and name the certificate by x5t#S256 (as MSAL does) instead of RS256 with x5t'
            cand --v1 'Use the v1 endpoint (/oauth2/token) instead of /oauth2/v2.0/token'
            cand --request 'Print the form-encoded token request body instead of the bare JWT'
            cand --curl 'Print a curl command that sends the token request (the body goes through stdin)'
            cand --json 'Print JSON instead of text'
            cand -q 'Print only data and errors: no status lines on stderr'
            cand --quiet 'Print only data and errors: no status lines on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certkit;completions'= {
            cand -q 'Print only data and errors: no status lines on stderr'
            cand --quiet 'Print only data and errors: no status lines on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certkit;man'= {
            cand -q 'Print only data and errors: no status lines on stderr'
            cand --quiet 'Print only data and errors: no status lines on stderr'
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certkit;convert'= {
            cand --to 'What to write [default: from OUT''s extension]'
            cand --in-password-file 'Read IN''s password from the first line of FILE'
            cand --in-password-env 'Read IN''s password from environment variable VAR'
            cand --password-file 'Read the PFX password from the first line of FILE'
            cand --password-env 'Read the PFX password from environment variable VAR'
            cand --pfx-profile 'PFX encryption profile: modern (AES-256, SHA-256 MAC) or legacy (3DES, SHA-1 MAC, for Windows Server 2016, macOS, JDK 8)'
            cand --pfx-iterations 'PBKDF iteration count for the PFX (at most 600000: Windows refuses more)'
            cand --key-format 'PEM form of a written private key'
            cand --in-password-stdin 'Read IN''s password from the first line of standard input'
            cand --in-no-password 'IN has an empty password'
            cand --password-stdin 'Read the PFX password from the first line of standard input'
            cand --no-password 'Use an empty PFX password (the file still carries a MAC)'
            cand --force 'Replace OUT if it exists'
            cand -q 'Print only data and errors: no status lines on stderr'
            cand --quiet 'Print only data and errors: no status lines on stderr'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certkit;help'= {
            cand new 'Create an RSA key and self-signed certificate; write PFX, PEM, .cer and key; add it to the user store'
            cand thumbprint 'Print thumbprints: of the user store (like certutil -store -user my), or of a certificate file'
            cand manifest 'Edit a downloaded application manifest'
            cand config 'Edit an app''s settings or user secrets'
            cand keycred 'Print the keyCredentials JSON fragment for a certificate'
            cand store 'The user certificate store (.NET''s CurrentUser\My): list, show, import, export, remove'
            cand dump 'Print everything about a certificate file, like certutil -dump'
            cand assertion 'Print a signed client-assertion JWT (or the token request that carries it), or check one'
            cand completions 'Print a shell completion script'
            cand man 'Print the man page (roff)'
            cand convert 'Convert between PFX, PEM (certificates, key, bundle) and DER'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'certkit;help;new'= {
        }
        &'certkit;help;thumbprint'= {
        }
        &'certkit;help;manifest'= {
            cand patch 'Add a certificate credential to a manifest, in place, touching nothing else'
            cand show 'List a manifest''s certificate credentials: dates, thumbprints, expired, expiring and malformed entries'
            cand remove 'Remove certificate credentials from a manifest, in place, touching nothing else'
        }
        &'certkit;help;manifest;patch'= {
        }
        &'certkit;help;manifest;show'= {
        }
        &'certkit;help;manifest;remove'= {
        }
        &'certkit;help;config'= {
            cand patch 'Name a certificate in appsettings.json or user secrets instead of a client secret, in place, touching nothing else'
        }
        &'certkit;help;config;patch'= {
        }
        &'certkit;help;keycred'= {
        }
        &'certkit;help;store'= {
            cand list 'List the store''s certificates, newest first (like certutil -store -user my)'
            cand show 'Show one certificate (like certutil -store -user my NAME)'
            cand import 'Put a PFX, or a PEM file with its key, into the store in the store''s own format'
            cand export 'Write a store certificate and its key to a PFX or PEM file (like certutil -exportPFX)'
            cand remove 'Delete a certificate from the store (asks first; --yes without a terminal)'
        }
        &'certkit;help;store;list'= {
        }
        &'certkit;help;store;show'= {
        }
        &'certkit;help;store;import'= {
        }
        &'certkit;help;store;export'= {
        }
        &'certkit;help;store;remove'= {
        }
        &'certkit;help;dump'= {
        }
        &'certkit;help;assertion'= {
        }
        &'certkit;help;completions'= {
        }
        &'certkit;help;man'= {
        }
        &'certkit;help;convert'= {
        }
        &'certkit;help;help'= {
        }
    ]
    $completions[$command]
}
