
using namespace System.Management.Automation
using namespace System.Management.Automation.Language

Register-ArgumentCompleter -Native -CommandName 'certkit' -ScriptBlock {
    param($wordToComplete, $commandAst, $cursorPosition)

    $commandElements = $commandAst.CommandElements
    $command = @(
        'certkit'
        for ($i = 1; $i -lt $commandElements.Count; $i++) {
            $element = $commandElements[$i]
            if ($element -isnot [StringConstantExpressionAst] -or
                $element.StringConstantType -ne [StringConstantType]::BareWord -or
                $element.Value.StartsWith('-') -or
                $element.Value -eq $wordToComplete) {
                break
        }
        $element.Value
    }) -join ';'

    $completions = @(switch ($command) {
        'certkit' {
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Create an RSA key and self-signed certificate; write PFX, PEM, .cer and key; add it to the user store')
            [CompletionResult]::new('thumbprint', 'thumbprint', [CompletionResultType]::ParameterValue, 'Print thumbprints: of the user store (like certutil -store -user my), or of a certificate file')
            [CompletionResult]::new('manifest', 'manifest', [CompletionResultType]::ParameterValue, 'Edit a downloaded application manifest')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Edit an app''s settings or user secrets')
            [CompletionResult]::new('keycred', 'keycred', [CompletionResultType]::ParameterValue, 'Print the keyCredentials JSON fragment for a certificate')
            [CompletionResult]::new('store', 'store', [CompletionResultType]::ParameterValue, 'The user certificate store (.NET''s CurrentUser\My): list, show, import, export, remove')
            [CompletionResult]::new('dump', 'dump', [CompletionResultType]::ParameterValue, 'Print everything about a certificate file, like certutil -dump')
            [CompletionResult]::new('assertion', 'assertion', [CompletionResultType]::ParameterValue, 'Print a signed client-assertion JWT (or the token request that carries it), or check one')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Convert between PFX, PEM (certificates, key, bundle) and DER')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'certkit;new' {
            [CompletionResult]::new('-s', '-s', [CompletionResultType]::ParameterName, 'Subject: a bare name becomes CN=NAME; a full RFC 4514 name is used as given [asked at a terminal when missing]')
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'Subject: a bare name becomes CN=NAME; a full RFC 4514 name is used as given [asked at a terminal when missing]')
            [CompletionResult]::new('--key-size', '--key-size', [CompletionResultType]::ParameterName, 'RSA key size in bits')
            [CompletionResult]::new('--days', '--days', [CompletionResultType]::ParameterName, 'Validity in days from NotBefore [default: one year]')
            [CompletionResult]::new('--not-before', '--not-before', [CompletionResultType]::ParameterName, 'NotBefore, RFC 3339 (e.g. 2027-01-01T00:00:00Z) [default: now minus 10 minutes]')
            [CompletionResult]::new('--not-after', '--not-after', [CompletionResultType]::ParameterName, 'NotAfter, RFC 3339')
            [CompletionResult]::new('--dns', '--dns', [CompletionResultType]::ParameterName, 'Add a DNS subject alternative name (repeatable)')
            [CompletionResult]::new('--out', '--out', [CompletionResultType]::ParameterName, 'Directory for NAME.pfx, NAME.cer, NAME.pem and NAME.key')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The certificate store directory [env: CERTKIT_STORE; default: .NET''s CurrentUser\My]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the PFX password from the first line of FILE')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the PFX password from environment variable VAR')
            [CompletionResult]::new('--pfx-profile', '--pfx-profile', [CompletionResultType]::ParameterName, 'PFX encryption profile: modern (AES-256, SHA-256 MAC) or legacy (3DES, SHA-1 MAC, for Windows Server 2016, macOS, JDK 8)')
            [CompletionResult]::new('--pfx-iterations', '--pfx-iterations', [CompletionResultType]::ParameterName, 'PBKDF iteration count for the PFX (at most 600000: Windows refuses more)')
            [CompletionResult]::new('--key-format', '--key-format', [CompletionResultType]::ParameterName, 'PEM form of the private key file: pkcs8 (PRIVATE KEY) or pkcs1 (RSA PRIVATE KEY)')
            [CompletionResult]::new('--key-password-file', '--key-password-file', [CompletionResultType]::ParameterName, 'Encrypt the key file (PKCS#8, AES-256) with the password on the first line of FILE')
            [CompletionResult]::new('--key-password-env', '--key-password-env', [CompletionResultType]::ParameterName, 'Encrypt the key file with the password in environment variable VAR')
            [CompletionResult]::new('--no-store', '--no-store', [CompletionResultType]::ParameterName, 'Do not add the certificate to the user store')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the PFX password from the first line of standard input')
            [CompletionResult]::new('--no-password', '--no-password', [CompletionResultType]::ParameterName, 'Use an empty PFX password (the file still carries a MAC)')
            [CompletionResult]::new('--key-password-stdin', '--key-password-stdin', [CompletionResultType]::ParameterName, 'Encrypt the key file with the password on the first line of standard input')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace existing output files')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Answer yes to questions (replacing existing files)')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Answer yes to questions (replacing existing files)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print one JSON object instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'certkit;thumbprint' {
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'Only certificates with this CN or full subject')
            [CompletionResult]::new('--format', '--format', [CompletionResultType]::ParameterName, 'How to print the digest')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The certificate store directory [env: CERTKIT_STORE; default: .NET''s CurrentUser\My]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the PFX password from the first line of FILE')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the PFX password from environment variable VAR')
            [CompletionResult]::new('--sha256', '--sha256', [CompletionResultType]::ParameterName, 'Print SHA-256 instead of SHA-1')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the PFX password from the first line of standard input')
            [CompletionResult]::new('--no-password', '--no-password', [CompletionResultType]::ParameterName, 'Use an empty PFX password (the file still carries a MAC)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'certkit;manifest' {
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('patch', 'patch', [CompletionResultType]::ParameterValue, 'Add a certificate credential to a manifest, in place, touching nothing else')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'List a manifest''s certificate credentials: dates, thumbprints, expired, expiring and malformed entries')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove certificate credentials from a manifest, in place, touching nothing else')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'certkit;manifest;patch' {
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'A certificate file (PEM, DER, base64 or PFX)')
            [CompletionResult]::new('--thumbprint', '--thumbprint', [CompletionResultType]::ParameterName, 'A certificate in the store, by SHA-1 (or SHA-256) thumbprint')
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'A certificate in the store, by CN or full subject')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The certificate store directory [env: CERTKIT_STORE; default: .NET''s CurrentUser\My]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the PFX password from the first line of FILE')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the PFX password from environment variable VAR')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'Manifest schema [default: detected from the document]')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the PFX password from the first line of standard input')
            [CompletionResult]::new('--no-password', '--no-password', [CompletionResultType]::ParameterName, 'Use an empty PFX password (the file still carries a MAC)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print a unified diff (secret values redacted) and write nothing')
            [CompletionResult]::new('--no-backup', '--no-backup', [CompletionResultType]::ParameterName, 'Do not keep the previous content as FILE.bak')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Write through a symbolic link')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'certkit;manifest;show' {
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'certkit;manifest;remove' {
            [CompletionResult]::new('--thumbprint', '--thumbprint', [CompletionResultType]::ParameterName, 'The entries for this certificate: its SHA-1 thumbprint, pasted in any form')
            [CompletionResult]::new('--key-id', '--key-id', [CompletionResultType]::ParameterName, 'The entry with this keyId')
            [CompletionResult]::new('--expired', '--expired', [CompletionResultType]::ParameterName, 'Every entry whose end date has passed')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Remove even the last certificate the app can sign in with today; write through a symbolic link')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print a unified diff (secret values redacted) and write nothing')
            [CompletionResult]::new('--no-backup', '--no-backup', [CompletionResultType]::ParameterName, 'Do not keep the previous content as FILE.bak')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'certkit;manifest;help' {
            [CompletionResult]::new('patch', 'patch', [CompletionResultType]::ParameterValue, 'Add a certificate credential to a manifest, in place, touching nothing else')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'List a manifest''s certificate credentials: dates, thumbprints, expired, expiring and malformed entries')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove certificate credentials from a manifest, in place, touching nothing else')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'certkit;manifest;help;patch' {
            break
        }
        'certkit;manifest;help;show' {
            break
        }
        'certkit;manifest;help;remove' {
            break
        }
        'certkit;manifest;help;help' {
            break
        }
        'certkit;config' {
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('patch', 'patch', [CompletionResultType]::ParameterValue, 'Name a certificate in appsettings.json or user secrets instead of a client secret, in place, touching nothing else')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'certkit;config;patch' {
            [CompletionResult]::new('--project', '--project', [CompletionResultType]::ParameterName, 'Edit this project''s user secrets (found from its <UserSecretsId>), creating secrets.json when missing; new settings there are flat "AzureAd:..." keys, as `dotnet user-secrets set` writes them. A directory stands for the one .csproj in it')
            [CompletionResult]::new('--style', '--style', [CompletionResultType]::ParameterName, 'Which settings to write [default: those the file already has, else msidweb]')
            [CompletionResult]::new('--source', '--source', [CompletionResultType]::ParameterName, 'Where the app loads the certificate from (msidweb only): the user store by thumbprint, or the PFX file')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'A certificate file (PEM, DER, base64 or PFX)')
            [CompletionResult]::new('--thumbprint', '--thumbprint', [CompletionResultType]::ParameterName, 'A certificate in the store, by SHA-1 (or SHA-256) thumbprint')
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'A certificate in the store, by CN or full subject')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The certificate store directory [env: CERTKIT_STORE; default: .NET''s CurrentUser\My]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the PFX password from the first line of FILE')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the PFX password from environment variable VAR')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the PFX password from the first line of standard input')
            [CompletionResult]::new('--no-password', '--no-password', [CompletionResultType]::ParameterName, 'Use an empty PFX password (the file still carries a MAC)')
            [CompletionResult]::new('--dry-run', '--dry-run', [CompletionResultType]::ParameterName, 'Print a unified diff (secret values redacted) and write nothing')
            [CompletionResult]::new('--no-backup', '--no-backup', [CompletionResultType]::ParameterName, 'Do not keep the previous content as FILE.bak')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Write through a symbolic link; create secrets.json in a user-secrets directory every user may write to')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'certkit;config;help' {
            [CompletionResult]::new('patch', 'patch', [CompletionResultType]::ParameterValue, 'Name a certificate in appsettings.json or user secrets instead of a client secret, in place, touching nothing else')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'certkit;config;help;patch' {
            break
        }
        'certkit;config;help;help' {
            break
        }
        'certkit;keycred' {
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'A certificate file (PEM, DER, base64 or PFX)')
            [CompletionResult]::new('--thumbprint', '--thumbprint', [CompletionResultType]::ParameterName, 'A certificate in the store, by SHA-1 (or SHA-256) thumbprint')
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'A certificate in the store, by CN or full subject')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The certificate store directory [env: CERTKIT_STORE; default: .NET''s CurrentUser\My]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the PFX password from the first line of FILE')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the PFX password from environment variable VAR')
            [CompletionResult]::new('--schema', '--schema', [CompletionResultType]::ParameterName, 'Manifest schema of the fragment')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the PFX password from the first line of standard input')
            [CompletionResult]::new('--no-password', '--no-password', [CompletionResultType]::ParameterName, 'Use an empty PFX password (the file still carries a MAC)')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'certkit;store' {
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the store''s certificates, newest first (like certutil -store -user my)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one certificate (like certutil -store -user my NAME)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Put a PFX, or a PEM file with its key, into the store in the store''s own format')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write a store certificate and its key to a PFX or PEM file (like certutil -exportPFX)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete a certificate from the store (asks first; --yes without a terminal)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'certkit;store;list' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The certificate store directory [env: CERTKIT_STORE; default: .NET''s CurrentUser\My]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'certkit;store;show' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The certificate store directory [env: CERTKIT_STORE; default: .NET''s CurrentUser\My]')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'certkit;store;import' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The certificate store directory [env: CERTKIT_STORE; default: .NET''s CurrentUser\My]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the PFX password from the first line of FILE')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the PFX password from environment variable VAR')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the PFX password from the first line of standard input')
            [CompletionResult]::new('--no-password', '--no-password', [CompletionResultType]::ParameterName, 'Use an empty PFX password (the file still carries a MAC)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'certkit;store;export' {
            [CompletionResult]::new('--pfx', '--pfx', [CompletionResultType]::ParameterName, 'Write a PFX (password from the password options, asked at a terminal)')
            [CompletionResult]::new('--pem', '--pem', [CompletionResultType]::ParameterName, 'Write the private key (PKCS#8; encrypted with a password option) and the certificate as PEM, mode 0600')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The certificate store directory [env: CERTKIT_STORE; default: .NET''s CurrentUser\My]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the PFX password from the first line of FILE')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the PFX password from environment variable VAR')
            [CompletionResult]::new('--pfx-profile', '--pfx-profile', [CompletionResultType]::ParameterName, 'PFX encryption profile: modern (AES-256, SHA-256 MAC) or legacy (3DES, SHA-1 MAC, for Windows Server 2016, macOS, JDK 8)')
            [CompletionResult]::new('--pfx-iterations', '--pfx-iterations', [CompletionResultType]::ParameterName, 'PBKDF iteration count for the PFX (at most 600000: Windows refuses more)')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the PFX password from the first line of standard input')
            [CompletionResult]::new('--no-password', '--no-password', [CompletionResultType]::ParameterName, 'Use an empty PFX password (the file still carries a MAC)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace an existing output file')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'certkit;store;remove' {
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The certificate store directory [env: CERTKIT_STORE; default: .NET''s CurrentUser\My]')
            [CompletionResult]::new('-y', '-y', [CompletionResultType]::ParameterName, 'Do not ask; required when there is no terminal')
            [CompletionResult]::new('--yes', '--yes', [CompletionResultType]::ParameterName, 'Do not ask; required when there is no terminal')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'certkit;store;help' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the store''s certificates, newest first (like certutil -store -user my)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one certificate (like certutil -store -user my NAME)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Put a PFX, or a PEM file with its key, into the store in the store''s own format')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write a store certificate and its key to a PFX or PEM file (like certutil -exportPFX)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete a certificate from the store (asks first; --yes without a terminal)')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'certkit;store;help;list' {
            break
        }
        'certkit;store;help;show' {
            break
        }
        'certkit;store;help;import' {
            break
        }
        'certkit;store;help;export' {
            break
        }
        'certkit;store;help;remove' {
            break
        }
        'certkit;store;help;help' {
            break
        }
        'certkit;dump' {
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the PFX password from the first line of FILE')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the PFX password from environment variable VAR')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the PFX password from the first line of standard input')
            [CompletionResult]::new('--no-password', '--no-password', [CompletionResultType]::ParameterName, 'Use an empty PFX password (the file still carries a MAC)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'certkit;assertion' {
            [CompletionResult]::new('--client-id', '--client-id', [CompletionResultType]::ParameterName, 'The application (client) ID of the app registration')
            [CompletionResult]::new('--tenant', '--tenant', [CompletionResultType]::ParameterName, 'The directory (tenant) ID or domain; sets the audience')
            [CompletionResult]::new('--cert', '--cert', [CompletionResultType]::ParameterName, 'A certificate file (PEM, DER, base64 or PFX)')
            [CompletionResult]::new('--thumbprint', '--thumbprint', [CompletionResultType]::ParameterName, 'A certificate in the store, by SHA-1 (or SHA-256) thumbprint')
            [CompletionResult]::new('--subject', '--subject', [CompletionResultType]::ParameterName, 'A certificate in the store, by CN or full subject')
            [CompletionResult]::new('--store', '--store', [CompletionResultType]::ParameterName, 'The certificate store directory [env: CERTKIT_STORE; default: .NET''s CurrentUser\My]')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the PFX password from the first line of FILE')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the PFX password from environment variable VAR')
            [CompletionResult]::new('--lifetime', '--lifetime', [CompletionResultType]::ParameterName, 'Seconds until the assertion expires')
            [CompletionResult]::new('--audience', '--audience', [CompletionResultType]::ParameterName, 'The aud claim [default: the tenant''s token endpoint]')
            [CompletionResult]::new('--scope', '--scope', [CompletionResultType]::ParameterName, 'scope of the token request (v2.0), e.g. https://graph.microsoft.com/.default')
            [CompletionResult]::new('--resource', '--resource', [CompletionResultType]::ParameterName, 'resource of the token request (v1), e.g. https://graph.microsoft.com')
            [CompletionResult]::new('--code', '--code', [CompletionResultType]::ParameterName, 'Authorization code: makes the request an authorization_code grant')
            [CompletionResult]::new('--verify', '--verify', [CompletionResultType]::ParameterName, 'Check a JWT (- reads it from stdin): signature, x5t, times and claims')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the PFX password from the first line of standard input')
            [CompletionResult]::new('--no-password', '--no-password', [CompletionResultType]::ParameterName, 'Use an empty PFX password (the file still carries a MAC)')
            [CompletionResult]::new('--pss', '--pss', [CompletionResultType]::ParameterName, 'Sign with PS256 and name the certificate by x5t#S256 (as MSAL does) instead of RS256 with x5t')
            [CompletionResult]::new('--v1', '--v1', [CompletionResultType]::ParameterName, 'Use the v1 endpoint (/oauth2/token) instead of /oauth2/v2.0/token')
            [CompletionResult]::new('--request', '--request', [CompletionResultType]::ParameterName, 'Print the form-encoded token request body instead of the bare JWT')
            [CompletionResult]::new('--curl', '--curl', [CompletionResultType]::ParameterName, 'Print a curl command that sends the token request (the body goes through stdin)')
            [CompletionResult]::new('--json', '--json', [CompletionResultType]::ParameterName, 'Print JSON instead of text')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'certkit;completions' {
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'certkit;man' {
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'certkit;convert' {
            [CompletionResult]::new('--to', '--to', [CompletionResultType]::ParameterName, 'What to write [default: from OUT''s extension]')
            [CompletionResult]::new('--in-password-file', '--in-password-file', [CompletionResultType]::ParameterName, 'Read IN''s password from the first line of FILE')
            [CompletionResult]::new('--in-password-env', '--in-password-env', [CompletionResultType]::ParameterName, 'Read IN''s password from environment variable VAR')
            [CompletionResult]::new('--password-file', '--password-file', [CompletionResultType]::ParameterName, 'Read the PFX password from the first line of FILE')
            [CompletionResult]::new('--password-env', '--password-env', [CompletionResultType]::ParameterName, 'Read the PFX password from environment variable VAR')
            [CompletionResult]::new('--pfx-profile', '--pfx-profile', [CompletionResultType]::ParameterName, 'PFX encryption profile: modern (AES-256, SHA-256 MAC) or legacy (3DES, SHA-1 MAC, for Windows Server 2016, macOS, JDK 8)')
            [CompletionResult]::new('--pfx-iterations', '--pfx-iterations', [CompletionResultType]::ParameterName, 'PBKDF iteration count for the PFX (at most 600000: Windows refuses more)')
            [CompletionResult]::new('--key-format', '--key-format', [CompletionResultType]::ParameterName, 'PEM form of a written private key')
            [CompletionResult]::new('--in-password-stdin', '--in-password-stdin', [CompletionResultType]::ParameterName, 'Read IN''s password from the first line of standard input')
            [CompletionResult]::new('--in-no-password', '--in-no-password', [CompletionResultType]::ParameterName, 'IN has an empty password')
            [CompletionResult]::new('--password-stdin', '--password-stdin', [CompletionResultType]::ParameterName, 'Read the PFX password from the first line of standard input')
            [CompletionResult]::new('--no-password', '--no-password', [CompletionResultType]::ParameterName, 'Use an empty PFX password (the file still carries a MAC)')
            [CompletionResult]::new('--force', '--force', [CompletionResultType]::ParameterName, 'Replace OUT if it exists')
            [CompletionResult]::new('-q', '-q', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('--quiet', '--quiet', [CompletionResultType]::ParameterName, 'Print only data and errors: no status lines on stderr')
            [CompletionResult]::new('-h', '-h', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('--help', '--help', [CompletionResultType]::ParameterName, 'Print help (see more with ''--help'')')
            [CompletionResult]::new('-V', '-V ', [CompletionResultType]::ParameterName, 'Print version')
            [CompletionResult]::new('--version', '--version', [CompletionResultType]::ParameterName, 'Print version')
            break
        }
        'certkit;help' {
            [CompletionResult]::new('new', 'new', [CompletionResultType]::ParameterValue, 'Create an RSA key and self-signed certificate; write PFX, PEM, .cer and key; add it to the user store')
            [CompletionResult]::new('thumbprint', 'thumbprint', [CompletionResultType]::ParameterValue, 'Print thumbprints: of the user store (like certutil -store -user my), or of a certificate file')
            [CompletionResult]::new('manifest', 'manifest', [CompletionResultType]::ParameterValue, 'Edit a downloaded application manifest')
            [CompletionResult]::new('config', 'config', [CompletionResultType]::ParameterValue, 'Edit an app''s settings or user secrets')
            [CompletionResult]::new('keycred', 'keycred', [CompletionResultType]::ParameterValue, 'Print the keyCredentials JSON fragment for a certificate')
            [CompletionResult]::new('store', 'store', [CompletionResultType]::ParameterValue, 'The user certificate store (.NET''s CurrentUser\My): list, show, import, export, remove')
            [CompletionResult]::new('dump', 'dump', [CompletionResultType]::ParameterValue, 'Print everything about a certificate file, like certutil -dump')
            [CompletionResult]::new('assertion', 'assertion', [CompletionResultType]::ParameterValue, 'Print a signed client-assertion JWT (or the token request that carries it), or check one')
            [CompletionResult]::new('completions', 'completions', [CompletionResultType]::ParameterValue, 'Print a shell completion script')
            [CompletionResult]::new('man', 'man', [CompletionResultType]::ParameterValue, 'Print the man page (roff)')
            [CompletionResult]::new('convert', 'convert', [CompletionResultType]::ParameterValue, 'Convert between PFX, PEM (certificates, key, bundle) and DER')
            [CompletionResult]::new('help', 'help', [CompletionResultType]::ParameterValue, 'Print this message or the help of the given subcommand(s)')
            break
        }
        'certkit;help;new' {
            break
        }
        'certkit;help;thumbprint' {
            break
        }
        'certkit;help;manifest' {
            [CompletionResult]::new('patch', 'patch', [CompletionResultType]::ParameterValue, 'Add a certificate credential to a manifest, in place, touching nothing else')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'List a manifest''s certificate credentials: dates, thumbprints, expired, expiring and malformed entries')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Remove certificate credentials from a manifest, in place, touching nothing else')
            break
        }
        'certkit;help;manifest;patch' {
            break
        }
        'certkit;help;manifest;show' {
            break
        }
        'certkit;help;manifest;remove' {
            break
        }
        'certkit;help;config' {
            [CompletionResult]::new('patch', 'patch', [CompletionResultType]::ParameterValue, 'Name a certificate in appsettings.json or user secrets instead of a client secret, in place, touching nothing else')
            break
        }
        'certkit;help;config;patch' {
            break
        }
        'certkit;help;keycred' {
            break
        }
        'certkit;help;store' {
            [CompletionResult]::new('list', 'list', [CompletionResultType]::ParameterValue, 'List the store''s certificates, newest first (like certutil -store -user my)')
            [CompletionResult]::new('show', 'show', [CompletionResultType]::ParameterValue, 'Show one certificate (like certutil -store -user my NAME)')
            [CompletionResult]::new('import', 'import', [CompletionResultType]::ParameterValue, 'Put a PFX, or a PEM file with its key, into the store in the store''s own format')
            [CompletionResult]::new('export', 'export', [CompletionResultType]::ParameterValue, 'Write a store certificate and its key to a PFX or PEM file (like certutil -exportPFX)')
            [CompletionResult]::new('remove', 'remove', [CompletionResultType]::ParameterValue, 'Delete a certificate from the store (asks first; --yes without a terminal)')
            break
        }
        'certkit;help;store;list' {
            break
        }
        'certkit;help;store;show' {
            break
        }
        'certkit;help;store;import' {
            break
        }
        'certkit;help;store;export' {
            break
        }
        'certkit;help;store;remove' {
            break
        }
        'certkit;help;dump' {
            break
        }
        'certkit;help;assertion' {
            break
        }
        'certkit;help;completions' {
            break
        }
        'certkit;help;man' {
            break
        }
        'certkit;help;convert' {
            break
        }
        'certkit;help;help' {
            break
        }
    })

    $completions.Where{ $_.CompletionText -like "$wordToComplete*" } |
        Sort-Object -Property ListItemText
}
