# Print an optspec for argparse to handle cmd's options that are independent of any subcommand.
function __fish_certkit_global_optspecs
    string join \n h/help V/version
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

complete -c certkit -n "__fish_certkit_needs_command" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certkit -n "__fish_certkit_needs_command" -s V -l version -d 'Print version'
complete -c certkit -n "__fish_certkit_needs_command" -f -a "new" -d 'Create an RSA key and self-signed certificate; write PFX, PEM, .cer and key; add it to the user store'
complete -c certkit -n "__fish_certkit_needs_command" -f -a "thumbprint" -d 'Print thumbprints: of the user store (like certutil -store -user my), or of a certificate file'
complete -c certkit -n "__fish_certkit_needs_command" -f -a "manifest" -d 'Edit a downloaded application manifest'
complete -c certkit -n "__fish_certkit_needs_command" -f -a "keycred" -d 'Print the keyCredentials JSON fragment for a certificate'
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
complete -c certkit -n "__fish_certkit_using_subcommand new" -l json -d 'Print one JSON object instead of text'
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
complete -c certkit -n "__fish_certkit_using_subcommand thumbprint" -s h -l help -d 'Print help'
complete -c certkit -n "__fish_certkit_using_subcommand thumbprint" -s V -l version -d 'Print version'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and not __fish_seen_subcommand_from patch help" -s h -l help -d 'Print help'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and not __fish_seen_subcommand_from patch help" -s V -l version -d 'Print version'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and not __fish_seen_subcommand_from patch help" -f -a "patch" -d 'Add a certificate credential to a manifest, in place, touching nothing else'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and not __fish_seen_subcommand_from patch help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
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
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from patch" -l dry-run -d 'Print a unified diff and write nothing'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from patch" -l no-backup -d 'Do not keep the previous content as FILE.bak'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from patch" -l force -d 'Write through a symbolic link'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from patch" -l json -d 'Print JSON instead of text'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from patch" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from patch" -s V -l version -d 'Print version'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "patch" -d 'Add a certificate credential to a manifest, in place, touching nothing else'
complete -c certkit -n "__fish_certkit_using_subcommand manifest; and __fish_seen_subcommand_from help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
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
complete -c certkit -n "__fish_certkit_using_subcommand keycred" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certkit -n "__fish_certkit_using_subcommand keycred" -s V -l version -d 'Print version'
complete -c certkit -n "__fish_certkit_using_subcommand completions" -s h -l help -d 'Print help'
complete -c certkit -n "__fish_certkit_using_subcommand completions" -s V -l version -d 'Print version'
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
complete -c certkit -n "__fish_certkit_using_subcommand convert" -s h -l help -d 'Print help (see more with \'--help\')'
complete -c certkit -n "__fish_certkit_using_subcommand convert" -s V -l version -d 'Print version'
complete -c certkit -n "__fish_certkit_using_subcommand help; and not __fish_seen_subcommand_from new thumbprint manifest keycred completions man convert help" -f -a "new" -d 'Create an RSA key and self-signed certificate; write PFX, PEM, .cer and key; add it to the user store'
complete -c certkit -n "__fish_certkit_using_subcommand help; and not __fish_seen_subcommand_from new thumbprint manifest keycred completions man convert help" -f -a "thumbprint" -d 'Print thumbprints: of the user store (like certutil -store -user my), or of a certificate file'
complete -c certkit -n "__fish_certkit_using_subcommand help; and not __fish_seen_subcommand_from new thumbprint manifest keycred completions man convert help" -f -a "manifest" -d 'Edit a downloaded application manifest'
complete -c certkit -n "__fish_certkit_using_subcommand help; and not __fish_seen_subcommand_from new thumbprint manifest keycred completions man convert help" -f -a "keycred" -d 'Print the keyCredentials JSON fragment for a certificate'
complete -c certkit -n "__fish_certkit_using_subcommand help; and not __fish_seen_subcommand_from new thumbprint manifest keycred completions man convert help" -f -a "completions" -d 'Print a shell completion script'
complete -c certkit -n "__fish_certkit_using_subcommand help; and not __fish_seen_subcommand_from new thumbprint manifest keycred completions man convert help" -f -a "man" -d 'Print the man page (roff)'
complete -c certkit -n "__fish_certkit_using_subcommand help; and not __fish_seen_subcommand_from new thumbprint manifest keycred completions man convert help" -f -a "convert" -d 'Convert between PFX, PEM (certificates, key, bundle) and DER'
complete -c certkit -n "__fish_certkit_using_subcommand help; and not __fish_seen_subcommand_from new thumbprint manifest keycred completions man convert help" -f -a "help" -d 'Print this message or the help of the given subcommand(s)'
complete -c certkit -n "__fish_certkit_using_subcommand help; and __fish_seen_subcommand_from manifest" -f -a "patch" -d 'Add a certificate credential to a manifest, in place, touching nothing else'
