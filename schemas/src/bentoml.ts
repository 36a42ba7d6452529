import type { JsonSchema, Producer } from './types';

// bentofile.yaml, written by us from BentoML's documentation of the Bento build options and from
// what its loader accepts (BentoBuildConfig and the Docker, Python and conda options in
// bentoml/_internal/bento/build_config.py). BentoML rejects unknown keys at the top level and in
// docker, python and conda, so those are closed; labels, args and the values of envs are open.
// Fields of several BentoML versions (1.0 to 1.4) are accepted, since projects pin different ones.

const HEAD = { $schema: 'http://json-schema.org/draft-07/schema#' } as const;
const SOURCE = 'BentoML documentation (Bento build options) and loader bentoml/_internal/bento/build_config.py (bentoml/BentoML, Apache-2.0); written by us';

const str = (description: string): JsonSchema => ({ description, type: 'string' });
const bool = (description: string): JsonSchema => ({ description, type: 'boolean' });
const strings = (description: string): JsonSchema => ({ description, type: 'array', items: { type: 'string' } });
/** A list of strings, or one string (BentoML turns it into a list of one). */
const stringOrList = (description: string): JsonSchema => ({ description, type: ['string', 'array'], items: { type: 'string' } });

const PYTHON: JsonSchema = {
  description: 'The Python packages of the Bento: a requirements file or a list of packages, and how pip installs them.',
  type: 'object',
  properties: {
    requirements_txt: str('A requirements file, relative to the build folder. When set, packages is ignored.'),
    packages: strings('Packages to install, as pip takes them (scikit-learn, torch>=2.0, git+https://...).'),
    lock_packages: bool('Pin every package and its dependencies to exact versions at build time (true by default).'),
    pack_git_packages: bool('Download packages that come from Git into the Bento at build time (true by default); false also stops locking.'),
    index_url: str('The package index to install from instead of PyPI.'),
    no_index: bool('Install without any package index (from wheels and find_links only).'),
    trusted_host: stringOrList('Hosts pip trusts without valid HTTPS.'),
    find_links: stringOrList('Pages or folders where pip looks for package archives.'),
    extra_index_url: stringOrList('Package indexes to search besides the main one.'),
    pip_args: str('Extra arguments given to pip install, as one string.'),
    wheels: strings('Local wheel files to copy into the Bento and install.'),
  },
  additionalProperties: false,
};

const DOCKER: JsonSchema = {
  description: 'How the container image of the Bento is built: base distribution, Python and CUDA versions, system packages.',
  type: 'object',
  properties: {
    distro: str('The Linux distribution of the image: debian (the default), alpine, ubi8 or amazonlinux. Ignored with base_image.'),
    python_version: { description: 'The Python version of the image, such as "3.11" (quote it: 3.10 is the number 3.1 in YAML). Ignored with base_image.', type: ['string', 'number'] },
    cuda_version: { description: 'The CUDA version to install for GPUs, such as "12.1.1" or "default". Ignored with base_image; not with conda.', type: ['string', 'number'] },
    env: {
      description: 'Environment variables of the image: a mapping, a list of NAME=VALUE, or the path of a .env file.',
      type: ['object', 'array', 'string'],
      items: { type: 'string' },
      additionalProperties: { type: ['string', 'number', 'boolean'] },
    },
    system_packages: strings('Packages installed with the distribution\'s package manager (apt-get on debian), such as ffmpeg. Ignored with base_image.'),
    setup_script: str('An executable script run while the image is built, after the system packages.'),
    base_image: str('An image to build on instead of BentoML\'s; it must provide Python and pip. distro, python_version, cuda_version and system_packages are then ignored.'),
    dockerfile_template: str('A Jinja template that extends the Dockerfile BentoML generates.'),
  },
  additionalProperties: false,
};

const CONDA: JsonSchema = {
  description: 'Conda packages of the Bento: an environment file, or channels and dependencies.',
  type: 'object',
  properties: {
    environment_yml: str('A conda environment file; when set, channels, dependencies and pip are ignored.'),
    channels: strings('Conda channels to install from (conda-forge when none is given).'),
    dependencies: {
      description: 'Conda packages; one item may be a mapping with the single key pip, listing pip packages.',
      type: 'array',
      items: { type: ['string', 'object'], properties: { pip: strings('Packages pip installs in the conda environment.') }, additionalProperties: false },
    },
    pip: strings('Packages pip installs in the conda environment.'),
  },
  additionalProperties: false,
};

const MODEL: JsonSchema = {
  description: 'A model of the model store to pack into the Bento: its tag (name:version), or a mapping with the tag.',
  type: ['string', 'object'],
  properties: {
    tag: str('The model\'s tag: name, or name:version (latest when no version is given).'),
    filter: str('A filter that selects the model when it comes from BentoCloud.'),
    alias: str('Another name the Service can load the model by.'),
  },
  required: ['tag'],
  additionalProperties: false,
};

const BENTOFILE: JsonSchema = {
  ...HEAD,
  title: 'bentofile.yaml',
  description: 'The build options of a BentoML project: the Service to serve, the files, models and packages to pack, and how its image is built.',
  'x-mlops-source': SOURCE,
  type: 'object',
  properties: {
    service: str('Where the Service is: module:name, such as service:Summarization or service.py:svc. The only required field.'),
    name: str('The name of the Bento; by default, the name of the Service.'),
    description: str('The description of the Bento, in Markdown, or "file: ./README.md" to read it from a file.'),
    labels: { description: 'Key-value labels of the Bento, such as owner and stage.', type: 'object' },
    include: strings('Files of the build folder to pack, as gitignore-style patterns (everything by default).'),
    exclude: strings('Files not to pack, as gitignore-style patterns; .bentoignore files are read too.'),
    docker: DOCKER,
    python: PYTHON,
    conda: CONDA,
    models: { description: 'Models of the model store to pack into the Bento.', type: 'array', items: MODEL },
    envs: {
      description: 'Environment variables the Bento needs at run time, each with a name and an optional default value.',
      type: 'array',
      items: { type: 'object', properties: { name: str('The variable\'s name.'), value: { description: 'Its default value.', type: ['string', 'number', 'boolean'] } }, required: ['name'] },
    },
    args: { description: 'Template arguments of the build, read by the Service code.', type: 'object' },
  },
  required: ['service'],
  additionalProperties: false,
};

/** bentofile.yaml, served by file name. */
export const bentomlProducer: Producer = () => [{ kindKey: 'bentofile.yaml', file: 'bentoml/bentofile.json', schema: BENTOFILE }];
