package io.callgate.video;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Optional;

/** Signs the join tokens of one kind of room, with the secret the server is configured with for it. */
interface TokenSigner {

    RoomKind kind();

    /** The configuration keys it still needs, when it cannot sign yet. */
    Optional<String> missingSettings();

    String sign(Room room, Participant participant, Instant now, Instant expiresAt);

    /** The header every layout starts from: HS256, typ JWT. */
    static JWSHeader.Builder hs256() {
        return new JWSHeader.Builder(JWSAlgorithm.HS256).type(JOSEObjectType.JWT);
    }

    static String sign(JWSHeader header, JWTClaimsSet claims, String secret) {
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(new MACSigner(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (JOSEException e) {
            // VideoProperties refuses secrets too short for HS256, the only reason MACSigner gives.
            throw new IllegalStateException("a room token could not be signed", e);
        }
        return jwt.serialize();
    }
}
