// JWS carries an ES256 signature as raw r||s (32 bytes each); OpenSSL speaks DER. These
// convert between the two.
#ifndef ASSURE_GATEWAY_AUTH_ECDSA_ENCODING_H_
#define ASSURE_GATEWAY_AUTH_ECDSA_ENCODING_H_

#include <optional>
#include <string>

namespace assure::gateway {

std::optional<std::string> RawToDerSignature(const std::string& raw);
std::optional<std::string> DerToRawSignature(const std::string& der);

}  // namespace assure::gateway

#endif  // ASSURE_GATEWAY_AUTH_ECDSA_ENCODING_H_
