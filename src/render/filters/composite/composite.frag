// Final composite at output size, in one pass: the person from the camera over a
// background built in layers: blurred room (if used), then colour, then image.
// The matte is either the mask stretched over the frame, or (edge refinement on) the
// guided filter's alpha = a·I + b from low-resolution coefficients and this pixel's luma,
// which puts the edge where the frame's own edge is.
in vec2 vUv;

out vec4 finalColor;

uniform sampler2D uCamera;       // camera frame (the filter's own input is an empty target)
uniform sampler2D uMask;         // person probability (.r), stretched over the frame
uniform sampler2D uBlurred;      // premultiplied by background weight, then blurred
uniform sampler2D uImage;        // background image, premultiplied alpha
uniform sampler2D uWrap;         // light wrap at low resolution: rgb light, a strength
uniform sampler2D uCoefficients; // guided filter (a, b) at low resolution

uniform float uUseBlur;
uniform vec4 uColor;          // straight alpha; alpha 0 = no colour layer
uniform float uUseImage;
uniform vec4 uImageTransform; // image uv = vUv * xy + zw (cover / contain / fill)
uniform float uRefine;        // 1: alpha from the guided filter's coefficients
uniform float uLightWrap;     // 0..1, image layer only

const vec3 LUMA = vec3(0.299, 0.587, 0.114);

void main(void)
{
    vec3 camera = texture(uCamera, vUv).rgb;
    float person;
    if (uRefine > 0.5) {
        vec2 ab = texture(uCoefficients, vUv).rg;
        person = clamp(ab.x * (dot(camera, LUMA) - 0.5) + ab.y, 0.0, 1.0);
    } else {
        person = texture(uMask, vUv).r;
    }
#ifdef DEBUG_MATTE
    // Evaluation and tests only, in a variant of this program built on demand: the matte as grey.
    finalColor = vec4(vec3(person), 1.0);
    return;
#endif

    vec3 background = vec3(0.0);
    if (uUseBlur > 0.5) {
        vec4 blurred = texture(uBlurred, vUv);
        // Normalised convolution: divide out the background weight. Where no background
        // is near (deep inside the person) the result is hidden by the person anyway.
        background = blurred.a > 1e-3 ? blurred.rgb / blurred.a : vec3(0.0);
    }
    background = mix(background, uColor.rgb, uColor.a);
    if (uUseImage > 0.5) {
        vec2 uv = vUv * uImageTransform.xy + uImageTransform.zw;
        vec2 inside = step(vec2(0.0), uv) * step(uv, vec2(1.0));
        float shown = inside.x * inside.y;
        vec2 imageUv = clamp(uv, 0.0, 1.0);
        vec4 image = texture(uImage, imageUv) * shown;
        background = image.rgb + background * (1.0 - image.a);
        if (uLightWrap > 0.0) {
            // Light wrap: near the person's edge, the image's blurred light falls on the
            // person (prepared at low resolution by the light-wrap filter).
            vec4 wrap = texture(uWrap, vUv);
            camera = mix(camera, wrap.rgb, uLightWrap * wrap.a);
        }
    }

    finalColor = vec4(mix(background, camera, person), 1.0);
}
