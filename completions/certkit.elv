
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
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
            cand new 'Create an RSA key and self-signed certificate; write PFX, PEM, .cer and key; add it to the user store'
            cand thumbprint 'Print thumbprints: of the user store (like certutil -store -user my), or of a certificate file'
            cand manifest 'Edit a downloaded application manifest'
            cand keycred 'Print the keyCredentials JSON fragment for a certificate'
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
            cand --json 'Print one JSON object instead of text'
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
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certkit;manifest'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
            cand patch 'Add a certificate credential to a manifest, in place, touching nothing else'
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
            cand --dry-run 'Print a unified diff and write nothing'
            cand --no-backup 'Do not keep the previous content as FILE.bak'
            cand --force 'Write through a symbolic link'
            cand --json 'Print JSON instead of text'
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certkit;manifest;help'= {
            cand patch 'Add a certificate credential to a manifest, in place, touching nothing else'
            cand help 'Print this message or the help of the given subcommand(s)'
        }
        &'certkit;manifest;help;patch'= {
        }
        &'certkit;manifest;help;help'= {
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
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certkit;completions'= {
            cand -h 'Print help'
            cand --help 'Print help'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certkit;man'= {
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
            cand -h 'Print help (see more with ''--help'')'
            cand --help 'Print help (see more with ''--help'')'
            cand -V 'Print version'
            cand --version 'Print version'
        }
        &'certkit;help'= {
            cand new 'Create an RSA key and self-signed certificate; write PFX, PEM, .cer and key; add it to the user store'
            cand thumbprint 'Print thumbprints: of the user store (like certutil -store -user my), or of a certificate file'
            cand manifest 'Edit a downloaded application manifest'
            cand keycred 'Print the keyCredentials JSON fragment for a certificate'
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
        }
        &'certkit;help;manifest;patch'= {
        }
        &'certkit;help;keycred'= {
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
