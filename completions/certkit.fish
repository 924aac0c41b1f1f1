# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_certkit_global_optspecs
    string join \n q/quiet h/help V/version
end

function __fish_certkit_needs_command
    # Figure out if the current invocation already has a command.
    set -l cmd (commandline -opc)
    set -e cmd[1]
    argparse -s (__fish_certkit_global_optspecs) -- $cmd 2>/dev/null
    or return
    if set -q argv[1]
        # Also print the command, so this can be used to figure out what it is.
        echo $argv[1]
        return 1
    end
    return 0
end

function __fish_certkit_using_subcommand
    set -l cmd (__fish_certkit_needs_command)
    test -z "$cmd"
    and return 1
    contains -- $cmd[1] $argv
end

complete -c certkit -n "__fish_certkit_needs_command" -s q -l quiet -d 'Print only data and errors: no status lines on stderr'
complete -c certkit -n "__fish_certkit_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certkit -n "__fish_certkit_needs_command" -s V -l version -d 'Print version'
complete -c certkit -n "__fish_certkit_needs_command" -f -a "new" -d 'Create an RSA key and self-signed certificate; write PFX, PEM, .cer and key; add it to the user store'
complete -c certkit -n "__fish_certkit_needs_command" -f -a "thumbprint" -d 'Print thumbprints: of the user store (like certutil -store -user my), or of a certificate file'
complete -c certkit -n "__fish_certkit_needs_command" -f -a "manifest" -d 'Edit a downloaded application manifest'
complete -c certkit -n "__fish_certkit_needs_command" -f -a "config" -d 'Edit an app\'s settings or user secrets'
complete -c certkit -n "__fish_certkit_needs_command" -f -a "keycred" -d 'Print the keyCredentials JSON fragment for a certificate'
complete -c certkit -n "__fish_certkit_needs_command" -f -a "store" -d 'The user certificate store (.NET\'s CurrentUser\\My): list, show, import, export, remove'
complete -c certkit -n "__fish_certkit_needs_command" -f -a "dump" -d 'Print everything about a certificate file, like certutil -dump'
complete -c certkit -n "__fish_certkit_needs_command" -f -a "assertion" -d 'Print a signed client-assertion JWT (or the token request that carries it), or check one'
complete -c certkit -n "__fish_certkit_needs_command" -f -a "completions" -d 'Print a shell completion script'
complete -c certkit -n "__fish_certkit_needs_command" -f -a "man" -d 'Print the man page (roff)'
complete -c certkit -n "__fish_certkit_needs_command" -f -a "convert" -d 'Convert between PFX, PEM (certificates, key, bundle) and DER'
complete -c certkit -n "__fish_certkit_needs_command" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c certkit -n "__fish_certkit_using_subcommand new" -s s -l subject -d 'Subject: a bare name becomes CN=NAME; a full RFC 4514 name is used as given [asked at a terminal when missing]' -r
complete -c certkit -n "__fish_certkit_using_subcommand new" -l key-size -d 'RSA key size in bits' -r
complete -c certkit -n "__fish_certkit_using_subcommand new" -l days -d 'Validity in days from NotBefore [default: one year]' -r
complete -c certkit -n "__fish_certkit_using_subcommand new" -l not-before -d 'NotBefore, RFC 3339 (e.g. 2027-01-01T00:00:00Z) [default: now minus 10 minutes]' -r
complete -c certkit -n "__fish_certkit_using_subcommand new" -l not-after -d 'NotAfter, RFC 3339' -r
complete -c certkit -n "__fish_certkit_using_subcommand new" -l dns -d 'Add a DNS subject alternative name (repeatable)' -r
complete -c certkit -n "__fish_certkit_using_subcommand new" -l out -d 'Directory for NAME.pfx, NAME.cer, NAME.pem and NAME.key' -r -f -a "(__fish_complete_directories)"
complete -c certkit -n "__fish_certkit_using_subcommand new" -l store -d 'The certificate store directory [env: CERTKIT_STORE; default: .NET\'s CurrentUser\\My]' -r -f -a "(__fish_complete_directories)"
complete -c certkit -n "__fish_certkit_using_subcommand new" -l password-file -d 'Read the PFX password from the first line of FILE' -r -F
complete -c certkit -n "__fish_certkit_using_subcommand new" -l password-env -d 'Read the PFX password from environment variable VAR' -r
complete -c certkit -n "__fish_certkit_using_subcommand new" -l pfx-profile -d 'PFX encryption profile: modern (AES-256, SHA-256 MAC) or legacy (3DES, SHA-1 MAC, for Windows Server 2016, macOS, JDK 8)' -r -f -a "modern\t''
legacy\t''"
complete -c certkit -n "__fish_certkit_using_subcommand new" -l pfx-iterations -d 'PBKDF iteration count for the PFX (at most 600000: Windows refuses more)' -r
complete -c certkit -n "__fish_certkit_using_subcommand new" -l key-format -d 'PEM form of the private key file: pkcs8 (PRIVATE KEY) or pkcs1 (RSA PRIVATE KEY)' -r -f -a "pkcs8\t''
pkcs1\t''"
complete -c certkit -n "__fish_certkit_using_subcommand new" -l key-password-file -d 'Encrypt the key file (PKCS#8, AES-256) with the password on the first line of FILE' -r -F
complete -c certkit -n "__fish_certkit_using_subcommand new" -l key-password-env -d 'Encrypt the key file with the password in environment variable VAR' -r
complete -c certkit -n "__fish_certkit_using_subcommand new" -l no-store -d 'Do not add the certificate to the user store'
complete -c certkit -n "__fish_certkit_using_subcommand new" -l password-stdin -d 'Read the PFX password from the first line of standard input'
complete -c certkit -n "__fish_certkit_using_subcommand new" -l no-password -d 'Use an empty PFX password (the file still carries a MAC)'
complete -c certkit -n "__fish_certkit_using_subcommand new" -l key-password-stdin -d 'Encrypt the key file with the password on the first line of standard input'
complete -c certkit -n "__fish_certkit_using_subcommand new" -l force -d 'Replace existing output files'
complete -c certkit -n "__fish_certkit_using_subcommand new" -s y -l yes -d 'Answer yes to questions (replacing existing files)'
complete -c certkit -n "__fish_certkit_using_subcommand new" -l json -d 'Print one JSON object instead of text'
complete -c certkit -n "__fish_certkit_using_subcommand new" -s q -l quiet -d 'Print only data and errors: no status lines on stderr'
complete -c certkit -n "__fish_certkit_using_subcommand new" -s h -l help -d 'Print help'
complete -c certkit -n "__fish_certkit_using_subcommand new" -s V -l version -d 'Print version'
complete -c certkit -n "__fish_certkit_using_subcommand thumbprint" -l subject -d 'Only certificates with this CN or full subject' -r
complete -c certkit -n "__fish_certkit_using_subcommand thumbprint" -l format -d 'How to print the digest' -r -f -a "hex\t''
colons\t''
base64\t''
base64url\t''"
complete -c certkit -n "__fish_certkit_using_subcommand thumbprint" -l store -d 'The certificate store directory [env: CERTKIT_STORE; default: .NET\'s CurrentUser\\My]' -r -f -a "(__fish_complete_directories)"
complete -c certkit -n "__fish_certkit_using_subcommand thumbprint" -l password-file -d 'Read the PFX password from the first line of FILE' -r -F
complete -c certkit -n "__fish_certkit_using_subcommand thumbprint" -l password-env -d 'Read the PFX password from environment variable VAR' -r
complete -c certkit -n "__fish_certkit_using_subcommand thumbprint" -l sha256 -d 'Print SHA-256 instead of SHA-1'
complete -c certkit -n "__fish_certkit_using_subcommand thumbprint" -l password-stdin -d 'Read the PFX password from the first line of standard input'
complete -c certkit -n "__fish_certkit_using_subcommand thumbprint" -l no-password -d 'Use an empty PFX password (the file still carries a MAC)'
complete -c certkit -n "__fish_certkit_using_subcommand thumbprint" -l json -d 'Print JSON instead of text'
complete -c certkit -n "__fish_certkit_using_subcommand thumbprint" -s q -l quiet -d 'Print only data and errors: no status lines on stderr'
complete -c certkit -n "__fish_certkit_using_subcommand thumbprint" -s h -l help -d 'Print help'
complete -c certkit -n "__fish_certkit_using_subcommand thumbprint" -s V -l version -d 'Print version'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and not __fish_seen_subcommand_from patch show remove help" -s q -l quiet -d 'Print only data and errors: no status lines on stderr'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and not __fish_seen_subcommand_from patch show remove help" -s h -l help -d 'Print help'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and not __fish_seen_subcommand_from patch show remove help" -s V -l version -d 'Print version'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and not __fish_seen_subcommand_from patch show remove help" -f -a "patch" -d 'Add a certificate credential to a manifest, in place, touching nothing else'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and not __fish_seen_subcommand_from patch show remove help" -f -a "show" -d 'List a manifest\'s certificate credentials: dates, thumbprints, expired, expiring and malformed entries'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and not __fish_seen_subcommand_from patch show remove help" -f -a "remove" -d 'Remove certificate credentials from a manifest, in place, touching nothing else'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and not __fish_seen_subcommand_from patch show remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from patch" -l cert -d 'A certificate file (PEM, DER, base64 or PFX)' -r -F
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from patch" -l thumbprint -d 'A certificate in the store, by SHA-1 (or SHA-256) thumbprint' -r
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from patch" -l subject -d 'A certificate in the store, by CN or full subject' -r
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from patch" -l store -d 'The certificate store directory [env: CERTKIT_STORE; default: .NET\'s CurrentUser\\My]' -r -f -a "(__fish_complete_directories)"
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from patch" -l password-file -d 'Read the PFX password from the first line of FILE' -r -F
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from patch" -l password-env -d 'Read the PFX password from environment variable VAR' -r
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from patch" -l schema -d 'Manifest schema [default: detected from the document]' -r -f -a "graph\t'Microsoft Graph: key, startDateTime, endDateTime, displayName'
aad\t'Azure AD Graph (legacy): value, startDate, endDate'"
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from patch" -l password-stdin -d 'Read the PFX password from the first line of standard input'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from patch" -l no-password -d 'Use an empty PFX password (the file still carries a MAC)'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from patch" -l dry-run -d 'Print a unified diff (secret values redacted) and write nothing'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from patch" -l no-backup -d 'Do not keep the previous content as FILE.bak'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from patch" -l force -d 'Write through a symbolic link'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from patch" -l json -d 'Print JSON instead of text'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from patch" -s q -l quiet -d 'Print only data and errors: no status lines on stderr'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from patch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from patch" -s V -l version -d 'Print version'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from show" -l json -d 'Print JSON instead of text'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only data and errors: no status lines on stderr'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l thumbprint -d 'The entries for this certificate: its SHA-1 thumbprint, pasted in any form' -r
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l key-id -d 'The entry with this keyId' -r
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l expired -d 'Every entry whose end date has passed'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l force -d 'Remove even the last certificate the app can sign in with today; write through a symbolic link'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l dry-run -d 'Print a unified diff (secret values redacted) and write nothing'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l no-backup -d 'Do not keep the previous content as FILE.bak'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from remove" -l json -d 'Print JSON instead of text'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only data and errors: no status lines on stderr'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "patch" -d 'Add a certificate credential to a manifest, in place, touching nothing else'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "show" -d 'List a manifest\'s certificate credentials: dates, thumbprints, expired, expiring and malformed entries'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Remove certificate credentials from a manifest, in place, touching nothing else'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c certkit -n "__fish_certkit_using_subcommand config; and not __fish_seen_subcommand_from patch help" -s q -l quiet -d 'Print only data and errors: no status lines on stderr'
complete -c certkit -n "__fish_certkit_using_subcommand config; and not __fish_seen_subcommand_from patch help" -s h -l help -d 'Print help'
complete -c certkit -n "__fish_certkit_using_subcommand config; and not __fish_seen_subcommand_from patch help" -s V -l version -d 'Print version'
complete -c certkit -n "__fish_certkit_using_subcommand config; and not __fish_seen_subcommand_from patch help" -f -a "patch" -d 'Name a certificate in appsettings.json or user secrets instead of a client secret, in place, touching nothing else'
complete -c certkit -n "__fish_certkit_using_subcommand config; and not __fish_seen_subcommand_from patch help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c certkit -n "__fish_certkit_using_subcommand config; and __fish_seen_subcommand_from patch" -l project -d 'Edit this project\'s user secrets (found from its <UserSecretsId>), creating secrets.json when missing; new settings there are flat "AzureAd:..." keys, as `dotnet user-secrets set` writes them. A directory stands for the one .csproj in it' -r -F
complete -c certkit -n "__fish_certkit_using_subcommand config; and __fish_seen_subcommand_from patch" -l style -d 'Which settings to write [default: those the file already has, else msidweb]' -r -f -a "asymmetric\t'AzureAd:Asymmetric {CertificateThumbprint, StoreName, StoreLocation, ValidationRequired}, as in the Surveys sample'
msidweb\t'Microsoft.Identity.Web: a credential description in AzureAd:ClientCredentials (or ClientCertificates)'"
complete -c certkit -n "__fish_certkit_using_subcommand config; and __fish_seen_subcommand_from patch" -l source -d 'Where the app loads the certificate from (msidweb only): the user store by thumbprint, or the PFX file' -r -f -a "store\t'CurrentUser/My, by thumbprint (where `certkit new` puts certificates)'
path\t'The PFX file, by absolute path'"
complete -c certkit -n "__fish_certkit_using_subcommand config; and __fish_seen_subcommand_from patch" -l cert -d 'A certificate file (PEM, DER, base64 or PFX)' -r -F
complete -c certkit -n "__fish_certkit_using_subcommand config; and __fish_seen_subcommand_from patch" -l thumbprint -d 'A certificate in the store, by SHA-1 (or SHA-256) thumbprint' -r
complete -c certkit -n "__fish_certkit_using_subcommand config; and __fish_seen_subcommand_from patch" -l subject -d 'A certificate in the store, by CN or full subject' -r
complete -c certkit -n "__fish_certkit_using_subcommand config; and __fish_seen_subcommand_from patch" -l store -d 'The certificate store directory [env: CERTKIT_STORE; default: .NET\'s CurrentUser\\My]' -r -f -a "(__fish_complete_directories)"
complete -c certkit -n "__fish_certkit_using_subcommand config; and __fish_seen_subcommand_from patch" -l password-file -d 'Read the PFX password from the first line of FILE' -r -F
complete -c certkit -n "__fish_certkit_using_subcommand config; and __fish_seen_subcommand_from patch" -l password-env -d 'Read the PFX password from environment variable VAR' -r
complete -c certkit -n "__fish_certkit_using_subcommand config; and __fish_seen_subcommand_from patch" -l password-stdin -d 'Read the PFX password from the first line of standard input'
complete -c certkit -n "__fish_certkit_using_subcommand config; and __fish_seen_subcommand_from patch" -l no-password -d 'Use an empty PFX password (the file still carries a MAC)'
complete -c certkit -n "__fish_certkit_using_subcommand config; and __fish_seen_subcommand_from patch" -l dry-run -d 'Print a unified diff (secret values redacted) and write nothing'
complete -c certkit -n "__fish_certkit_using_subcommand config; and __fish_seen_subcommand_from patch" -l no-backup -d 'Do not keep the previous content as FILE.bak'
complete -c certkit -n "__fish_certkit_using_subcommand config; and __fish_seen_subcommand_from patch" -l force -d 'Write through a symbolic link; create secrets.json in a user-secrets directory every user may write to'
complete -c certkit -n "__fish_certkit_using_subcommand config; and __fish_seen_subcommand_from patch" -l json -d 'Print JSON instead of text'
complete -c certkit -n "__fish_certkit_using_subcommand config; and __fish_seen_subcommand_from patch" -s q -l quiet -d 'Print only data and errors: no status lines on stderr'
complete -c certkit -n "__fish_certkit_using_subcommand config; and __fish_seen_subcommand_from patch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certkit -n "__fish_certkit_using_subcommand config; and __fish_seen_subcommand_from patch" -s V -l version -d 'Print version'
complete -c certkit -n "__fish_certkit_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "patch" -d 'Name a certificate in appsettings.json or user secrets instead of a client secret, in place, touching nothing else'
complete -c certkit -n "__fish_certkit_using_subcommand config; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c certkit -n "__fish_certkit_using_subcommand keycred" -l cert -d 'A certificate file (PEM, DER, base64 or PFX)' -r -F
complete -c certkit -n "__fish_certkit_using_subcommand keycred" -l thumbprint -d 'A certificate in the store, by SHA-1 (or SHA-256) thumbprint' -r
complete -c certkit -n "__fish_certkit_using_subcommand keycred" -l subject -d 'A certificate in the store, by CN or full subject' -r
complete -c certkit -n "__fish_certkit_using_subcommand keycred" -l store -d 'The certificate store directory [env: CERTKIT_STORE; default: .NET\'s CurrentUser\\My]' -r -f -a "(__fish_complete_directories)"
complete -c certkit -n "__fish_certkit_using_subcommand keycred" -l password-file -d 'Read the PFX password from the first line of FILE' -r -F
complete -c certkit -n "__fish_certkit_using_subcommand keycred" -l password-env -d 'Read the PFX password from environment variable VAR' -r
complete -c certkit -n "__fish_certkit_using_subcommand keycred" -l schema -d 'Manifest schema of the fragment' -r -f -a "graph\t'Microsoft Graph: key, startDateTime, endDateTime, displayName'
aad\t'Azure AD Graph (legacy): value, startDate, endDate'"
complete -c certkit -n "__fish_certkit_using_subcommand keycred" -l password-stdin -d 'Read the PFX password from the first line of standard input'
complete -c certkit -n "__fish_certkit_using_subcommand keycred" -l no-password -d 'Use an empty PFX password (the file still carries a MAC)'
complete -c certkit -n "__fish_certkit_using_subcommand keycred" -s q -l quiet -d 'Print only data and errors: no status lines on stderr'
complete -c certkit -n "__fish_certkit_using_subcommand keycred" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certkit -n "__fish_certkit_using_subcommand keycred" -s V -l version -d 'Print version'
complete -c certkit -n "__fish_certkit_using_subcommand store; and not __fish_seen_subcommand_from list show import export remove help" -s q -l quiet -d 'Print only data and errors: no status lines on stderr'
complete -c certkit -n "__fish_certkit_using_subcommand store; and not __fish_seen_subcommand_from list show import export remove help" -s h -l help -d 'Print help'
complete -c certkit -n "__fish_certkit_using_subcommand store; and not __fish_seen_subcommand_from list show import export remove help" -s V -l version -d 'Print version'
complete -c certkit -n "__fish_certkit_using_subcommand store; and not __fish_seen_subcommand_from list show import export remove help" -f -a "list" -d 'List the store\'s certificates, newest first (like certutil -store -user my)'
complete -c certkit -n "__fish_certkit_using_subcommand store; and not __fish_seen_subcommand_from list show import export remove help" -f -a "show" -d 'Show one certificate (like certutil -store -user my NAME)'
complete -c certkit -n "__fish_certkit_using_subcommand store; and not __fish_seen_subcommand_from list show import export remove help" -f -a "import" -d 'Put a PFX, or a PEM file with its key, into the store in the store\'s own format'
complete -c certkit -n "__fish_certkit_using_subcommand store; and not __fish_seen_subcommand_from list show import export remove help" -f -a "export" -d 'Write a store certificate and its key to a PFX or PEM file (like certutil -exportPFX)'
complete -c certkit -n "__fish_certkit_using_subcommand store; and not __fish_seen_subcommand_from list show import export remove help" -f -a "remove" -d 'Delete a certificate from the store (asks first; --yes without a terminal)'
complete -c certkit -n "__fish_certkit_using_subcommand store; and not __fish_seen_subcommand_from list show import export remove help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from list" -l store -d 'The certificate store directory [env: CERTKIT_STORE; default: .NET\'s CurrentUser\\My]' -r -f -a "(__fish_complete_directories)"
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from list" -l json -d 'Print JSON instead of text'
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from list" -s q -l quiet -d 'Print only data and errors: no status lines on stderr'
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from list" -s h -l help -d 'Print help'
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from list" -s V -l version -d 'Print version'
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from show" -l store -d 'The certificate store directory [env: CERTKIT_STORE; default: .NET\'s CurrentUser\\My]' -r -f -a "(__fish_complete_directories)"
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from show" -l json -d 'Print JSON instead of text'
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from show" -s q -l quiet -d 'Print only data and errors: no status lines on stderr'
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from show" -s h -l help -d 'Print help'
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from show" -s V -l version -d 'Print version'
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from import" -l store -d 'The certificate store directory [env: CERTKIT_STORE; default: .NET\'s CurrentUser\\My]' -r -f -a "(__fish_complete_directories)"
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from import" -l password-file -d 'Read the PFX password from the first line of FILE' -r -F
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from import" -l password-env -d 'Read the PFX password from environment variable VAR' -r
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from import" -l password-stdin -d 'Read the PFX password from the first line of standard input'
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from import" -l no-password -d 'Use an empty PFX password (the file still carries a MAC)'
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from import" -l json -d 'Print JSON instead of text'
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from import" -s q -l quiet -d 'Print only data and errors: no status lines on stderr'
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from import" -s h -l help -d 'Print help'
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from import" -s V -l version -d 'Print version'
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from export" -l pfx -d 'Write a PFX (password from the password options, asked at a terminal)' -r -F
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from export" -l pem -d 'Write the private key (PKCS#8; encrypted with a password option) and the certificate as PEM, mode 0600' -r -F
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from export" -l store -d 'The certificate store directory [env: CERTKIT_STORE; default: .NET\'s CurrentUser\\My]' -r -f -a "(__fish_complete_directories)"
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from export" -l password-file -d 'Read the PFX password from the first line of FILE' -r -F
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from export" -l password-env -d 'Read the PFX password from environment variable VAR' -r
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from export" -l pfx-profile -d 'PFX encryption profile: modern (AES-256, SHA-256 MAC) or legacy (3DES, SHA-1 MAC, for Windows Server 2016, macOS, JDK 8)' -r -f -a "modern\t''
legacy\t''"
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from export" -l pfx-iterations -d 'PBKDF iteration count for the PFX (at most 600000: Windows refuses more)' -r
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from export" -l password-stdin -d 'Read the PFX password from the first line of standard input'
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from export" -l no-password -d 'Use an empty PFX password (the file still carries a MAC)'
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from export" -l force -d 'Replace an existing output file'
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from export" -s q -l quiet -d 'Print only data and errors: no status lines on stderr'
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from export" -s h -l help -d 'Print help'
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from export" -s V -l version -d 'Print version'
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from remove" -l store -d 'The certificate store directory [env: CERTKIT_STORE; default: .NET\'s CurrentUser\\My]' -r -f -a "(__fish_complete_directories)"
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from remove" -s y -l yes -d 'Do not ask; required when there is no terminal'
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from remove" -s q -l quiet -d 'Print only data and errors: no status lines on stderr'
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from remove" -s h -l help -d 'Print help'
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from remove" -s V -l version -d 'Print version'
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "list" -d 'List the store\'s certificates, newest first (like certutil -store -user my)'
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "show" -d 'Show one certificate (like certutil -store -user my NAME)'
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "import" -d 'Put a PFX, or a PEM file with its key, into the store in the store\'s own format'
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "export" -d 'Write a store certificate and its key to a PFX or PEM file (like certutil -exportPFX)'
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "remove" -d 'Delete a certificate from the store (asks first; --yes without a terminal)'
complete -c certkit -n "__fish_certkit_using_subcommand store; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c certkit -n "__fish_certkit_using_subcommand dump" -l password-file -d 'Read the PFX password from the first line of FILE' -r -F
complete -c certkit -n "__fish_certkit_using_subcommand dump" -l password-env -d 'Read the PFX password from environment variable VAR' -r
complete -c certkit -n "__fish_certkit_using_subcommand dump" -l password-stdin -d 'Read the PFX password from the first line of standard input'
complete -c certkit -n "__fish_certkit_using_subcommand dump" -l no-password -d 'Use an empty PFX password (the file still carries a MAC)'
complete -c certkit -n "__fish_certkit_using_subcommand dump" -l json -d 'Print JSON instead of text'
complete -c certkit -n "__fish_certkit_using_subcommand dump" -s q -l quiet -d 'Print only data and errors: no status lines on stderr'
complete -c certkit -n "__fish_certkit_using_subcommand dump" -s h -l help -d 'Print help'
complete -c certkit -n "__fish_certkit_using_subcommand dump" -s V -l version -d 'Print version'
complete -c certkit -n "__fish_certkit_using_subcommand assertion" -l client-id -d 'The application (client) ID of the app registration' -r
complete -c certkit -n "__fish_certkit_using_subcommand assertion" -l tenant -d 'The directory (tenant) ID or domain; sets the audience' -r
complete -c certkit -n "__fish_certkit_using_subcommand assertion" -l cert -d 'A certificate file (PEM, DER, base64 or PFX)' -r -F
complete -c certkit -n "__fish_certkit_using_subcommand assertion" -l thumbprint -d 'A certificate in the store, by SHA-1 (or SHA-256) thumbprint' -r
complete -c certkit -n "__fish_certkit_using_subcommand assertion" -l subject -d 'A certificate in the store, by CN or full subject' -r
complete -c certkit -n "__fish_certkit_using_subcommand assertion" -l store -d 'The certificate store directory [env: CERTKIT_STORE; default: .NET\'s CurrentUser\\My]' -r -f -a "(__fish_complete_directories)"
complete -c certkit -n "__fish_certkit_using_subcommand assertion" -l password-file -d 'Read the PFX password from the first line of FILE' -r -F
complete -c certkit -n "__fish_certkit_using_subcommand assertion" -l password-env -d 'Read the PFX password from environment variable VAR' -r
complete -c certkit -n "__fish_certkit_using_subcommand assertion" -l lifetime -d 'Seconds until the assertion expires' -r
complete -c certkit -n "__fish_certkit_using_subcommand assertion" -l audience -d 'The aud claim [default: the tenant\'s token endpoint]' -r
complete -c certkit -n "__fish_certkit_using_subcommand assertion" -l scope -d 'scope of the token request (v2.0), e.g. https://graph.microsoft.com/.default' -r
complete -c certkit -n "__fish_certkit_using_subcommand assertion" -l resource -d 'resource of the token request (v1), e.g. https://graph.microsoft.com' -r
complete -c certkit -n "__fish_certkit_using_subcommand assertion" -l code -d 'Authorization code: makes the request an authorization_code grant' -r
complete -c certkit -n "__fish_certkit_using_subcommand assertion" -l verify -d 'Check a JWT (- reads it from stdin): signature, x5t, times and claims' -r
complete -c certkit -n "__fish_certkit_using_subcommand assertion" -l password-stdin -d 'Read the PFX password from the first line of standard input'
complete -c certkit -n "__fish_certkit_using_subcommand assertion" -l no-password -d 'Use an empty PFX password (the file still carries a MAC)'
complete -c certkit -n "__fish_certkit_using_subcommand assertion" -l pss -d 'Sign with PS256 and name the certificate by x5t#S256 (as MSAL does) instead of RS256 with x5t'
complete -c certkit -n "__fish_certkit_using_subcommand assertion" -l v1 -d 'Use the v1 endpoint (/oauth2/token) instead of /oauth2/v2.0/token'
complete -c certkit -n "__fish_certkit_using_subcommand assertion" -l request -d 'Print the form-encoded token request body instead of the bare JWT'
complete -c certkit -n "__fish_certkit_using_subcommand assertion" -l curl -d 'Print a curl command that sends the token request (the body goes through stdin)'
complete -c certkit -n "__fish_certkit_using_subcommand assertion" -l json -d 'Print JSON instead of text'
complete -c certkit -n "__fish_certkit_using_subcommand assertion" -s q -l quiet -d 'Print only data and errors: no status lines on stderr'
complete -c certkit -n "__fish_certkit_using_subcommand assertion" -s h -l help -d 'Print help'
complete -c certkit -n "__fish_certkit_using_subcommand assertion" -s V -l version -d 'Print version'
complete -c certkit -n "__fish_certkit_using_subcommand completions" -s q -l quiet -d 'Print only data and errors: no status lines on stderr'
complete -c certkit -n "__fish_certkit_using_subcommand completions" -s h -l help -d 'Print help'
complete -c certkit -n "__fish_certkit_using_subcommand completions" -s V -l version -d 'Print version'
complete -c certkit -n "__fish_certkit_using_subcommand man" -s q -l quiet -d 'Print only data and errors: no status lines on stderr'
complete -c certkit -n "__fish_certkit_using_subcommand man" -s h -l help -d 'Print help'
complete -c certkit -n "__fish_certkit_using_subcommand man" -s V -l version -d 'Print version'
complete -c certkit -n "__fish_certkit_using_subcommand convert" -l to -d 'What to write [default: from OUT\'s extension]' -r -f -a "pfx\t'PKCS#12 with the key and every certificate'
pem\t'PEM certificates, leaf first (no key)'
der\t'The leaf certificate, binary'
key\t'The private key, PEM'
bundle\t'PEM: the key, the leaf, then the chain'"
complete -c certkit -n "__fish_certkit_using_subcommand convert" -l in-password-file -d 'Read IN\'s password from the first line of FILE' -r -F
complete -c certkit -n "__fish_certkit_using_subcommand convert" -l in-password-env -d 'Read IN\'s password from environment variable VAR' -r
complete -c certkit -n "__fish_certkit_using_subcommand convert" -l password-file -d 'Read the PFX password from the first line of FILE' -r -F
complete -c certkit -n "__fish_certkit_using_subcommand convert" -l password-env -d 'Read the PFX password from environment variable VAR' -r
complete -c certkit -n "__fish_certkit_using_subcommand convert" -l pfx-profile -d 'PFX encryption profile: modern (AES-256, SHA-256 MAC) or legacy (3DES, SHA-1 MAC, for Windows Server 2016, macOS, JDK 8)' -r -f -a "modern\t''
legacy\t''"
complete -c certkit -n "__fish_certkit_using_subcommand convert" -l pfx-iterations -d 'PBKDF iteration count for the PFX (at most 600000: Windows refuses more)' -r
complete -c certkit -n "__fish_certkit_using_subcommand convert" -l key-format -d 'PEM form of a written private key' -r -f -a "pkcs8\t''
pkcs1\t''"
complete -c certkit -n "__fish_certkit_using_subcommand convert" -l in-password-stdin -d 'Read IN\'s password from the first line of standard input'
complete -c certkit -n "__fish_certkit_using_subcommand convert" -l in-no-password -d 'IN has an empty password'
complete -c certkit -n "__fish_certkit_using_subcommand convert" -l password-stdin -d 'Read the PFX password from the first line of standard input'
complete -c certkit -n "__fish_certkit_using_subcommand convert" -l no-password -d 'Use an empty PFX password (the file still carries a MAC)'
complete -c certkit -n "__fish_certkit_using_subcommand convert" -l force -d 'Replace OUT if it exists'
complete -c certkit -n "__fish_certkit_using_subcommand convert" -s q -l quiet -d 'Print only data and errors: no status lines on stderr'
complete -c certkit -n "__fish_certkit_using_subcommand convert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certkit -n "__fish_certkit_using_subcommand convert" -s V -l version -d 'Print version'
complete -c certkit -n "__fish_certkit_using_subcommand help; and not __fish_seen_subcommand_from new thumbprint manifest config keycred store dump assertion completions man convert help" -f -a "new" -d 'Create an RSA key and self-signed certificate; write PFX, PEM, .cer and key; add it to the user store'
complete -c certkit -n "__fish_certkit_using_subcommand help; and not __fish_seen_subcommand_from new thumbprint manifest config keycred store dump assertion completions man convert help" -f -a "thumbprint" -d 'Print thumbprints: of the user store (like certutil -store -user my), or of a certificate file'
complete -c certkit -n "__fish_certkit_using_subcommand help; and not __fish_seen_subcommand_from new thumbprint manifest config keycred store dump assertion completions man convert help" -f -a "manifest" -d 'Edit a downloaded application manifest'
complete -c certkit -n "__fish_certkit_using_subcommand help; and not __fish_seen_subcommand_from new thumbprint manifest config keycred store dump assertion completions man convert help" -f -a "config" -d 'Edit an app\'s settings or user secrets'
complete -c certkit -n "__fish_certkit_using_subcommand help; and not __fish_seen_subcommand_from new thumbprint manifest config keycred store dump assertion completions man convert help" -f -a "keycred" -d 'Print the keyCredentials JSON fragment for a certificate'
complete -c certkit -n "__fish_certkit_using_subcommand help; and not __fish_seen_subcommand_from new thumbprint manifest config keycred store dump assertion completions man convert help" -f -a "store" -d 'The user certificate store (.NET\'s CurrentUser\\My): list, show, import, export, remove'
complete -c certkit -n "__fish_certkit_using_subcommand help; and not __fish_seen_subcommand_from new thumbprint manifest config keycred store dump assertion completions man convert help" -f -a "dump" -d 'Print everything about a certificate file, like certutil -dump'
complete -c certkit -n "__fish_certkit_using_subcommand help; and not __fish_seen_subcommand_from new thumbprint manifest config keycred store dump assertion completions man convert help" -f -a "assertion" -d 'Print a signed client-assertion JWT (or the token request that carries it), or check one'
complete -c certkit -n "__fish_certkit_using_subcommand help; and not __fish_seen_subcommand_from new thumbprint manifest config keycred store dump assertion completions man convert help" -f -a "completions" -d 'Print a shell completion script'
complete -c certkit -n "__fish_certkit_using_subcommand help; and not __fish_seen_subcommand_from new thumbprint manifest config keycred store dump assertion completions man convert help" -f -a "man" -d 'Print the man page (roff)'
complete -c certkit -n "__fish_certkit_using_subcommand help; and not __fish_seen_subcommand_from new thumbprint manifest config keycred store dump assertion completions man convert help" -f -a "convert" -d 'Convert between PFX, PEM (certificates, key, bundle) and DER'
complete -c certkit -n "__fish_certkit_using_subcommand help; and not __fish_seen_subcommand_from new thumbprint manifest config keycred store dump assertion completions man convert help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c certkit -n "__fish_certkit_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "patch" -d 'Add a certificate credential to a manifest, in place, touching nothing else'
complete -c certkit -n "__fish_certkit_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "show" -d 'List a manifest\'s certificate credentials: dates, thumbprints, expired, expiring and malformed entries'
complete -c certkit -n "__fish_certkit_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "remove" -d 'Remove certificate credentials from a manifest, in place, touching nothing else'
complete -c certkit -n "__fish_certkit_using_subcommand help; and __fish_seen_subcommand_from config" -f -a "patch" -d 'Name a certificate in appsettings.json or user secrets instead of a client secret, in place, touching nothing else'
complete -c certkit -n "__fish_certkit_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "list" -d 'List the store\'s certificates, newest first (like certutil -store -user my)'
complete -c certkit -n "__fish_certkit_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "show" -d 'Show one certificate (like certutil -store -user my NAME)'
complete -c certkit -n "__fish_certkit_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "import" -d 'Put a PFX, or a PEM file with its key, into the store in the store\'s own format'
complete -c certkit -n "__fish_certkit_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "export" -d 'Write a store certificate and its key to a PFX or PEM file (like certutil -exportPFX)'
complete -c certkit -n "__fish_certkit_using_subcommand help; and __fish_seen_subcommand_from store" -f -a "remove" -d 'Delete a certificate from the store (asks first; --yes without a terminal)'
